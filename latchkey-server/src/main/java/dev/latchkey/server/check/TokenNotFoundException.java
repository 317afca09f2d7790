package dev.latchkey.server.check;

import dev.latchkey.server.input.NotFoundException;

/**
 * No token with that id belongs to the caller; pages and the API answer {@code 404}.
 */
public final class TokenNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	public TokenNotFoundException() {
		super("No such token.");
	}

}
