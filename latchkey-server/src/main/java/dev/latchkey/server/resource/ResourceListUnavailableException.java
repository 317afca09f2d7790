package dev.latchkey.server.resource;

/**
 * The platform's list of a user's resources could not be had: down, slow, refusing, or
 * answering something that isn't a list. The message is fit to show the user and names no
 * credential.
 */
public class ResourceListUnavailableException extends RuntimeException {

	public ResourceListUnavailableException(String message) {
		super(message, null, false, false);
	}

}
