package dev.latchkey.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The token in an {@code Authorization} header, in any of the three forms Latchkey accepts:
 * {@code Bearer} (RFC 6750 section 2.1), {@code token} (GitHub's form) and {@code Basic} with
 * the token as the password (RFC 7617, for git-style clients). The server and the resource
 * server filter read headers with this one implementation, so they accept exactly the same.
 */
public sealed interface AuthorizationHeader {

	/** Longer than any token can be; anything longer is rejected before any work is done. */
	int MAX_LENGTH = 512;

	/** No {@code Authorization} header at all. */
	record Absent() implements AuthorizationHeader {
	}

	/**
	 * A header that carries something in a form Latchkey reads.
	 *
	 * @param value the token
	 * @param dpop whether it came with the {@code DPoP} scheme (RFC 9449), which a token bound to
	 * a key must use, with a proof in the {@code DPoP} header
	 */
	record Candidate(String value, boolean dpop) implements AuthorizationHeader {

		/** A token sent as a bearer token. */
		public Candidate(String value) {
			this(value, false);
		}

		@Override
		public String toString() {
			return "Candidate[redacted]";
		}

	}

	/** A header Latchkey can't read, with why. */
	record Unreadable(String reason) implements AuthorizationHeader {
	}

	/** Reads a header value; {@code null} when the request has no {@code Authorization} header. */
	static AuthorizationHeader from(@Nullable String header) {
		if (header == null) {
			return new Absent();
		}
		if (header.length() > MAX_LENGTH + 20 || !isVisibleAscii(header)) {
			return new Unreadable("The Authorization header is malformed.");
		}
		int space = header.indexOf(' ');
		if (space <= 0) {
			return new Unreadable("The Authorization header needs a scheme: Bearer, DPoP, token or Basic.");
		}
		String scheme = header.substring(0, space);
		String credentials = header.substring(space + 1).strip();
		if (credentials.isEmpty()) {
			return new Unreadable("The Authorization header has no token.");
		}
		if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("token")) {
			return new Candidate(credentials);
		}
		if (scheme.equalsIgnoreCase("DPoP")) {
			return new Candidate(credentials, true);
		}
		if (scheme.equalsIgnoreCase("Basic")) {
			return fromBasic(credentials);
		}
		return new Unreadable("Unsupported authorization scheme; use Bearer, DPoP, token or Basic.");
	}

	private static AuthorizationHeader fromBasic(String credentials) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(credentials);
		}
		catch (IllegalArgumentException ex) {
			return new Unreadable("The Basic credentials are not valid Base64.");
		}
		String pair = new String(decoded, StandardCharsets.UTF_8);
		int colon = pair.indexOf(':');
		if (colon < 0) {
			return new Unreadable("The Basic credentials need a user name and the token as the password.");
		}
		return new Candidate(pair.substring(colon + 1));
	}

	private static boolean isVisibleAscii(String header) {
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

}
