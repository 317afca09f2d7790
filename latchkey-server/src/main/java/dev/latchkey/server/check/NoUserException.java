package dev.latchkey.server.check;

/**
 * An endpoint about a user was called with a token that acts for an app itself (the OAuth
 * client credentials grant); answered with {@code 403}.
 */
public final class NoUserException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NoUserException() {
		super("This token acts for an app, not for a user.");
	}

}
