package dev.latchkey.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A plain Latchkey token whose format and checksum have been checked. It is a secret: its
 * {@link #toString()} shows only the kind and the last four characters, its comparison is
 * constant-time, and what may be stored of it is its {@link #sha256() SHA-256} and
 * {@link #lastFour() last four characters}.
 * <p>
 * Tokens carry about 178 random bits, so an unsalted fast hash is a safe lookup key (the
 * same reasoning as RFC 6819 section 5.1.4.1.3 for high-entropy secrets): there is nothing
 * to brute-force, and a per-request bcrypt would only cost time.
 */
public final class TokenSecret {

	private static final HexFormat HEX = HexFormat.of();

	private final String value;

	private final TokenKind kind;

	private TokenSecret(String value, TokenKind kind) {
		this.value = value;
		this.kind = kind;
	}

	/** A checked token, or empty when the candidate is not a well-formed token of this format. */
	public static Optional<TokenSecret> parse(TokenFormat format, CharSequence candidate) {
		return format.parse(candidate).map((kind) -> new TokenSecret(candidate.toString(), kind));
	}

	/** A fresh token of a kind. */
	public static TokenSecret generate(TokenFormat format, TokenKind kind) {
		return new TokenSecret(format.generate(kind), kind);
	}

	/** The kind of this token. */
	public TokenKind kind() {
		return this.kind;
	}

	/** The plain value. Call it only to show the token once or to send it on the wire. */
	public String reveal() {
		return this.value;
	}

	/** The lower-case hex SHA-256 of the token, the key under which it is stored. */
	public String sha256() {
		return sha256Hex(this.value);
	}

	/** The last four characters, safe to display. */
	public String lastFour() {
		return this.value.substring(this.value.length() - 4);
	}

	/** The lower-case hex SHA-256 of a token's ASCII bytes. */
	public static String sha256Hex(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HEX.formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must provide SHA-256", ex);
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TokenSecret that) && MessageDigest.isEqual(
				this.value.getBytes(StandardCharsets.US_ASCII), that.value.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public int hashCode() {
		return this.kind.hashCode();
	}

	@Override
	public String toString() {
		int kindEnd = this.value.indexOf('_') + 1;
		return this.value.substring(0, kindEnd) + "…" + lastFour();
	}

}
