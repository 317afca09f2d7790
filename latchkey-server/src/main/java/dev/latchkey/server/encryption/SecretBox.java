package dev.latchkey.server.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens small secrets with AES-256-GCM. A sealed value reads
 * {@code <key id>:<Base64 of nonce and ciphertext>}; the context (what the value is, and whose)
 * is authenticated with it, so a value copied to another row or account doesn't open.
 */
public final class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final DataKey current;

	private final Map<String, DataKey> byId;

	SecretBox(DataKey current, List<DataKey> old) {
		this.current = current;
		this.byId = Stream.concat(Stream.of(current), old.stream())
			.collect(Collectors.toUnmodifiableMap(DataKey::id, Function.identity(), (first, same) -> first));
	}

	/** A box with one key, given in Base64 as an operator writes it: for tools and tests. */
	public static SecretBox of(String base64Key) {
		return new SecretBox(DataKey.fromBase64(base64Key, "the key"), List.of());
	}

	/** Whether a stored value is sealed, rather than plain as written before sealing began. */
	public static boolean isSealed(String value) {
		return value.indexOf(':') > 0;
	}

	/** The id of the key new values are sealed with. */
	public String currentKeyId() {
		return this.current.id();
	}

	/** Seals {@code secret} for {@code context}, under the current key and a fresh nonce. */
	public String seal(byte[] secret, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, this.current, nonce, context, secret);
		byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		return this.current.id() + ":" + Base64.getEncoder().encodeToString(out);
	}

	/**
	 * Opens a value sealed for {@code context}.
	 * @throws IllegalStateException if no known key opens it, or it was sealed for another context or altered
	 */
	public byte[] open(String sealed, String context) {
		int colon = sealed.indexOf(':');
		DataKey key = (colon > 0) ? this.byId.get(sealed.substring(0, colon)) : null;
		if (key == null) {
			throw new IllegalStateException("Sealed with a key this server doesn't have; set latchkey.encryption.old-keys");
		}
		byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
		ByteBuffer buffer = ByteBuffer.wrap(in);
		byte[] nonce = new byte[NONCE_BYTES];
		buffer.get(nonce);
		byte[] ciphertext = new byte[buffer.remaining()];
		buffer.get(ciphertext);
		return crypt(Cipher.DECRYPT_MODE, key, nonce, context, ciphertext);
	}

	/** Whether the value was sealed under an older key, and is worth sealing again. */
	public boolean sealedWithOldKey(String sealed) {
		return !sealed.startsWith(this.current.id() + ":");
	}

	private static byte[] crypt(int mode, DataKey key, byte[] nonce, String context, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			// Never the value or the key in the message: only that it didn't open.
			throw new IllegalStateException("A sealed value didn't open: altered, or sealed for something else");
		}
	}

}
