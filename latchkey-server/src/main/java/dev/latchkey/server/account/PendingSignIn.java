package dev.latchkey.server.account;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * A sign-in that has passed the password and waits for the second factor. It lives in the
 * session instead of an authentication: until the second factor comes, the session is signed
 * out as far as every page, the API and the authorization endpoint are concerned.
 *
 * @param accountId the account whose password was right
 * @param username its username, to greet the user on the second page
 * @param passwordAt when the password was given
 */
public record PendingSignIn(long accountId, String username, Instant passwordAt) implements Serializable {

	/** How long the second factor may take: long enough to find a phone, not to brute-force. */
	public static final Duration VALID_FOR = Duration.ofMinutes(5);

	private static final String ATTRIBUTE = PendingSignIn.class.getName();

	void store(HttpSession session) {
		session.setAttribute(ATTRIBUTE, this);
	}

	/** The sign-in that waits in this session, if it is not too old. */
	public static Optional<PendingSignIn> in(HttpSession session, Instant now) {
		return (session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending
				&& now.isBefore(pending.passwordAt().plus(VALID_FOR))) ? Optional.of(pending) : Optional.empty();
	}

	/** Forgets the waiting sign-in: it completed, or was given up. */
	public static void clear(HttpSession session) {
		session.removeAttribute(ATTRIBUTE);
	}

}
