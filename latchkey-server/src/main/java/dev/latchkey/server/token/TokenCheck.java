package dev.latchkey.server.token;

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

}
