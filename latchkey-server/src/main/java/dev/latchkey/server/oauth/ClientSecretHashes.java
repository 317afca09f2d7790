package dev.latchkey.server.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.latchkey.client.TokenSecret;

/**
 * Checks a client secret against an app's stored SHA-256 hashes, in constant time. Client
 * secrets carry about 178 random bits, so a fast hash is enough and a bcrypt per token or
 * introspection request would only cost time. An app may have two active secrets while it
 * rotates; its registered "secret" is their hashes joined by spaces, and a presented secret
 * matches if it matches either.
 */
final class ClientSecretHashes implements PasswordEncoder {

	static String join(Iterable<String> hashes) {
		return String.join(" ", hashes);
	}

	@Override
	public String encode(@Nullable CharSequence rawPassword) {
		return TokenSecret.sha256Hex(String.valueOf(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || encodedPassword.isEmpty()) {
			return false;
		}
		byte[] presented = encode(rawPassword).getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (String hash : encodedPassword.split(" ")) {
			// Compare against every hash, so the time taken doesn't say which one matched.
			matched |= MessageDigest.isEqual(presented, hash.getBytes(StandardCharsets.US_ASCII));
		}
		return matched;
	}

}
