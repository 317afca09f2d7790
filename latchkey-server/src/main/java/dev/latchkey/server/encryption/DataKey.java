package dev.latchkey.server.encryption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and its id. The id is derived from the key, so an operator who rotates
 * names nothing but the keys themselves, and a sealed value says which key opens it.
 *
 * @param id the first 8 bytes of the key's SHA-256, in hex
 * @param key the key
 */
record DataKey(String id, SecretKey key) {

	static final int LENGTH = 32;

	/** The key in Base64, as an operator writes it; refused unless it is 32 bytes. */
	static DataKey fromBase64(String encoded, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(encoded.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not Base64");
		}
		if (bytes.length != LENGTH) {
			throw new IllegalStateException(source + " must be " + LENGTH + " bytes in Base64, not " + bytes.length);
		}
		return new DataKey(id(bytes), new SecretKeySpec(bytes, "AES"));
	}

	private static String id(byte[] key) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update("latchkey data key id\0".getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest(key), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "DataKey[id=" + this.id + "]";
	}

}
