package dev.latchkey.server.twofactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as every authenticator app makes them (RFC 6238 over the HOTP
 * of RFC 4226): HMAC-SHA1, 30-second steps, 6 digits.
 */
final class Totp {

	static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	/** Steps either side of now that are accepted, for clocks that drift and users who type slowly. */
	static final int DRIFT_STEPS = 1;

	private Totp() {
	}

	/** The step that holds this instant. */
	static long step(Instant now) {
		return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
	}

	/** The code for a step. */
	static String code(byte[] seed, long step) {
		byte[] hash;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(seed, "HmacSHA1"));
			hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		// RFC 4226, 5.3: dynamic truncation.
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		return String.format("%0" + DIGITS + "d", binary % 1_000_000);
	}

	/**
	 * The step, within the drift around {@code now}, whose code this is; each candidate compared
	 * in constant time.
	 */
	static OptionalLong matchingStep(byte[] seed, String code, Instant now) {
		byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
		long current = step(now);
		OptionalLong match = OptionalLong.empty();
		for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
			if (MessageDigest.isEqual(typed, code(seed, step).getBytes(StandardCharsets.US_ASCII))
					&& match.isEmpty()) {
				match = OptionalLong.of(step);
			}
		}
		return match;
	}

}
