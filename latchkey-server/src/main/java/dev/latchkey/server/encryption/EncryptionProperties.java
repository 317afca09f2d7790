package dev.latchkey.server.encryption;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The data-encryption keys. Several nodes must share one key, so they set it; a single node
 * may leave it unset and have one generated into its data directory on first start.
 *
 * @param key the key new values are sealed with: 32 random bytes in Base64 (env {@code LATCHKEY_ENCRYPTION_KEY});
 * unset, the key in {@code encryption.key} under the data directory, generated when missing
 * @param oldKeys keys that only open values sealed before a rotation, in Base64
 */
@ConfigurationProperties("latchkey.encryption")
public record EncryptionProperties(@Nullable String key, @DefaultValue List<String> oldKeys) {
}
