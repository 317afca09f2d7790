package dev.latchkey.server.oauth;

/**
 * No OAuth App with that id belongs to the caller; pages answer {@code 404}.
 */
final class AppNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AppNotFoundException() {
		super("No such OAuth App");
	}

}
