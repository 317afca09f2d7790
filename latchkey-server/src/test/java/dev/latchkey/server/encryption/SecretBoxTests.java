package dev.latchkey.server.encryption;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sealing with AES-GCM: values open only for their context and key, keys rotate, and the
 * generated key file is the server's user's alone.
 */
class SecretBoxTests {

	private static final byte[] SECRET = "a seed of twenty bytes".getBytes(StandardCharsets.UTF_8);

	private static final DataKey OLD = DataKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), "test");

	private static final DataKey NEW = DataKey.fromBase64(
			Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)),
			"test");

	@Test
	void sealWhenOpenedForSameContextThenSecretAndNeverTheSameTwice() {
		SecretBox box = new SecretBox(NEW, List.of());

		String sealed = box.seal(SECRET, "totp-seed:1");

		assertThat(sealed).startsWith(NEW.id() + ":").doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
		assertThat(box.open(sealed, "totp-seed:1")).isEqualTo(SECRET);
		assertThat(box.seal(SECRET, "totp-seed:1")).as("a fresh nonce each time").isNotEqualTo(sealed);
	}

	@Test
	void openWhenOtherContextOrAlteredThenRefusedWithoutTheValue() {
		SecretBox box = new SecretBox(NEW, List.of());
		String sealed = box.seal(SECRET, "totp-seed:1");
		byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.indexOf(':') + 1));
		bytes[bytes.length - 1] ^= 1;
		String altered = NEW.id() + ":" + Base64.getEncoder().encodeToString(bytes);

		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed, "totp-seed:2"))
			.withMessageNotContaining(sealed);
		assertThatIllegalStateException().isThrownBy(() -> box.open(altered, "totp-seed:1"));
	}

	@Test
	void openWhenKeyRotatedThenOldValuesOpenWithOldKeyAndUnknownKeysAreNamed() {
		String sealedBefore = new SecretBox(OLD, List.of()).seal(SECRET, "c");
		SecretBox rotated = new SecretBox(NEW, List.of(OLD));

		assertThat(rotated.open(sealedBefore, "c")).isEqualTo(SECRET);
		assertThat(rotated.sealedWithOldKey(sealedBefore)).isTrue();
		assertThat(rotated.sealedWithOldKey(rotated.seal(SECRET, "c"))).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox(NEW, List.of()).open(sealedBefore, "c"))
			.withMessageContaining("old-keys");
	}

	@Test
	void keyWhenNotThirtyTwoBytesThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> DataKey.fromBase64("c2hvcnQ=", "LATCHKEY_ENCRYPTION_KEY"))
			.withMessageContaining("32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> DataKey.fromBase64("not base64!", "LATCHKEY_ENCRYPTION_KEY"));
	}

	@Test
	void keyFileWhenMissingThenGeneratedOwnerOnlyAndKeptAfterwards(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("data").resolve(EncryptionConfiguration.KEY_FILE);

		String first = EncryptionConfiguration.keyFile(file);

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(
				Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		assertThat(Base64.getDecoder().decode(first.strip())).hasSize(32);
		assertThat(EncryptionConfiguration.keyFile(file)).isEqualTo(first);
		SecretBox box = new EncryptionConfiguration().secretBox(new EncryptionProperties(null, List.of()), dir.resolve("data"));
		assertThat(box.currentKeyId()).isEqualTo(DataKey.fromBase64(first, "file").id());
	}

}
