package dev.latchkey.server.admin;

/**
 * The admin named a user that doesn't exist: {@code 404}.
 */
final class UserNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	UserNotFoundException() {
		super("No such user.");
	}

}
