package dev.latchkey.server.check;

/**
 * The outcome of checking a presented token.
 */
public sealed interface TokenCheck {

	/** The token is good. */
	record Valid(ActiveToken token) implements TokenCheck {
	}

	/**
	 * The token is not accepted.
	 *
	 * @param reason a sentence for the client that says why without revealing whether
	 * another user's token exists
	 */
	record Invalid(String reason) implements TokenCheck {
	}

	/**
	 * The caller's address has used up its failed checks; the token was not looked at.
	 *
	 * @param retryAfterSeconds how long until the address may present a token again
	 */
	record Throttled(long retryAfterSeconds) implements TokenCheck {
	}

}
