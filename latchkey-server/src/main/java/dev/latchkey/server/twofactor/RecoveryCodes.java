package dev.latchkey.server.twofactor;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.latchkey.client.TokenSecret;

/**
 * Recovery codes: ten per account, each {@code xxxxx-xxxxx} from an alphabet without look-alikes
 * (50 random bits). Only their SHA-256 is stored; what a user types is read leniently (case,
 * spaces and the dash don't matter) before it is hashed.
 */
final class RecoveryCodes {

	static final int COUNT = 10;

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final int HALF = 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private RecoveryCodes() {
	}

	/** A fresh set of codes, as the user is shown them. */
	static List<String> generate() {
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			StringBuilder code = new StringBuilder(2 * HALF + 1);
			for (int c = 0; c < 2 * HALF; c++) {
				if (c == HALF) {
					code.append('-');
				}
				code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
			}
			codes.add(code.toString());
		}
		return codes;
	}

	/** Whether what was typed has the shape of a recovery code rather than an app's code. */
	static boolean looksLikeOne(String typed) {
		return normalize(typed).length() == 2 * HALF;
	}

	/** The hash stored for a code, the same however it was typed. */
	static String hash(String code) {
		return TokenSecret.sha256Hex(normalize(code));
	}

	private static String normalize(String typed) {
		return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}

}
