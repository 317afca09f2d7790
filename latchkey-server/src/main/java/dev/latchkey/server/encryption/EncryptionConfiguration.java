package dev.latchkey.server.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link SecretBox} from the configured key, or from the key file in the data
 * directory, which it creates (readable by the server's user alone) the first time.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionConfiguration {

	static final String KEY_FILE = "encryption.key";

	private static final Logger logger = LoggerFactory.getLogger(EncryptionConfiguration.class);

	@Bean
	SecretBox secretBox(EncryptionProperties properties, @Value("${latchkey.data-dir}") Path dataDir) {
		DataKey current = (properties.key() != null && !properties.key().isBlank())
				? DataKey.fromBase64(properties.key(), "LATCHKEY_ENCRYPTION_KEY")
				: DataKey.fromBase64(keyFile(dataDir.resolve(KEY_FILE)), dataDir.resolve(KEY_FILE).toString());
		List<DataKey> old = properties.oldKeys()
			.stream()
			.map((key) -> DataKey.fromBase64(key, "latchkey.encryption.old-keys"))
			.toList();
		return new SecretBox(current, old);
	}

	/** The key file's content, after writing a fresh key into it if there was none. */
	static String keyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.toAbsolutePath().getParent());
				byte[] key = new byte[DataKey.LENGTH];
				new SecureRandom().nextBytes(key);
				create(file, Base64.getEncoder().encodeToString(key) + "\n");
				logger.warn("Generated a data-encryption key into {}. Back it up with the database; "
						+ "several nodes must share one key: set LATCHKEY_ENCRYPTION_KEY on each.", file.toAbsolutePath());
			}
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Can't read or create " + file, ex);
		}
	}

	private static void create(Path file, String content) throws IOException {
		try {
			// Created with mode 0600 from the start, so no other user can read it for a moment.
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
	}

}
