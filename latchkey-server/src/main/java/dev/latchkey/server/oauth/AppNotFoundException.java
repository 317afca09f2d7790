package dev.latchkey.server.oauth;

import dev.latchkey.server.input.NotFoundException;

/**
 * No OAuth App with that id, or none that belongs to the caller: {@code 404}.
 */
public final class AppNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	public AppNotFoundException() {
		super("No such OAuth App.");
	}

}
