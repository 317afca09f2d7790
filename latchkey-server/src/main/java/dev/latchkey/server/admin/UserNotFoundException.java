package dev.latchkey.server.admin;

import dev.latchkey.server.input.NotFoundException;

/**
 * The admin named a user that doesn't exist: {@code 404}.
 */
final class UserNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	UserNotFoundException() {
		super("No such user.");
	}

}
