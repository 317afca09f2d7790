package dev.latchkey.client;

/**
 * The introspection endpoint could not answer in time (down, slow, refusing our client
 * credentials). A resource server answers {@code 503}: it can't say the token is good, and
 * saying it is bad would log users out for an outage.
 */
public final class IntrospectionUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public IntrospectionUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public IntrospectionUnavailableException(String message) {
		super(message);
	}

}
