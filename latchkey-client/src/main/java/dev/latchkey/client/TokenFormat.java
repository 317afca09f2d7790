package dev.latchkey.client;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Latchkey's token format, {@code <prefix><kind>_<random><checksum>}: 30 Base62 characters
 * from a CSPRNG followed by the CRC32 of everything before it in 6 Base62 characters.
 * <p>
 * The checksum is not a security measure: it lets a client, a secret scanner or the server
 * reject a mistyped or fabricated token without a database lookup, as GitHub's token format
 * does. The same rules run on the server and in resource servers, so this is the one
 * implementation of them.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class TokenFormat {

	/** Number of random Base62 characters in a token. */
	public static final int RANDOM_LENGTH = 30;

	/** Number of Base62 characters of the checksum. */
	public static final int CHECKSUM_LENGTH = 6;

	/** The default instance-wide prefix. */
	public static final String DEFAULT_PREFIX = "lk";

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		.toCharArray();

	private static final Pattern PREFIX_RULE = Pattern.compile("[a-z][a-z0-9]{0,9}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String prefix;

	private final int length;

	/**
	 * @param prefix the instance-wide prefix: a lower-case letter followed by up to nine
	 * lower-case letters or digits
	 */
	public TokenFormat(String prefix) {
		if (!PREFIX_RULE.matcher(prefix).matches()) {
			throw new IllegalArgumentException(
					"Token prefix must be a lower-case letter followed by up to nine lower-case letters or digits");
		}
		this.prefix = prefix;
		this.length = prefix.length() + 2 + RANDOM_LENGTH + CHECKSUM_LENGTH;
	}

	/** The format with the default prefix {@value #DEFAULT_PREFIX}. */
	public static TokenFormat withDefaultPrefix() {
		return new TokenFormat(DEFAULT_PREFIX);
	}

	/** The instance-wide prefix, such as {@code lk}. */
	public String prefix() {
		return this.prefix;
	}

	/** The full length of every token of this format. */
	public int length() {
		return this.length;
	}

	/** The literal start of every token of a kind, such as {@code lkp_}. */
	public String start(TokenKind kind) {
		return this.prefix + kind.letter() + '_';
	}

	/** A regular expression that matches exactly the well-formed tokens of a kind. */
	public String regex(TokenKind kind) {
		return "^" + start(kind) + "[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}$";
	}

	/** A new token of a kind, from a CSPRNG. */
	public String generate(TokenKind kind) {
		char[] token = new char[this.length];
		String start = start(kind);
		start.getChars(0, start.length(), token, 0);
		int randomEnd = start.length() + RANDOM_LENGTH;
		for (int i = start.length(); i < randomEnd; i++) {
			token[i] = BASE62[RANDOM.nextInt(BASE62.length)];
		}
		writeChecksum(token, randomEnd);
		return new String(token);
	}

	/**
	 * The kind of a well-formed token whose checksum is right; empty for anything else,
	 * including garbage of any length. Runs in time linear in the token's
	 * length and allocates only for well-formed lengths.
	 */
	public Optional<TokenKind> parse(CharSequence candidate) {
		if (candidate.length() != this.length) {
			return Optional.empty();
		}
		for (int i = 0; i < this.prefix.length(); i++) {
			if (candidate.charAt(i) != this.prefix.charAt(i)) {
				return Optional.empty();
			}
		}
		int kindAt = this.prefix.length();
		if (candidate.charAt(kindAt + 1) != '_') {
			return Optional.empty();
		}
		Optional<TokenKind> kind = TokenKind.ofLetter(candidate.charAt(kindAt));
		if (kind.isEmpty()) {
			return kind;
		}
		for (int i = kindAt + 2; i < this.length; i++) {
			if (base62Value(candidate.charAt(i)) < 0) {
				return Optional.empty();
			}
		}
		int checksumAt = this.length - CHECKSUM_LENGTH;
		long expected = crc32(candidate, checksumAt);
		long actual = 0;
		for (int i = checksumAt; i < this.length; i++) {
			actual = actual * BASE62.length + base62Value(candidate.charAt(i));
		}
		return (actual == expected) ? kind : Optional.empty();
	}

	/** Whether a candidate is a well-formed token of the given kind with a right checksum. */
	public boolean isValid(CharSequence candidate, TokenKind kind) {
		return parse(candidate).filter(kind::equals).isPresent();
	}

	private void writeChecksum(char[] token, int checksumAt) {
		long crc = crc32(new String(token, 0, checksumAt), checksumAt);
		for (int i = this.length - 1; i >= checksumAt; i--) {
			token[i] = BASE62[(int) (crc % BASE62.length)];
			crc /= BASE62.length;
		}
	}

	private static long crc32(CharSequence text, int end) {
		byte[] bytes = new byte[end];
		for (int i = 0; i < end; i++) {
			bytes[i] = (byte) text.charAt(i);
		}
		CRC32 crc = new CRC32();
		crc.update(bytes, 0, end);
		return crc.getValue();
	}

	private static int base62Value(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'A' && c <= 'Z') {
			return c - 'A' + 10;
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 36;
		}
		return -1;
	}

}
