package dev.latchkey.server.api;

/**
 * A good token without any of the scopes an endpoint accepts; answered with {@code 403}
 * and RFC 6750's {@code insufficient_scope}.
 */
final class InsufficientScopeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String acceptedScopes;

	InsufficientScopeException(String acceptedScopes) {
		super("The token needs one of these scopes: " + acceptedScopes);
		this.acceptedScopes = acceptedScopes;
	}

	String acceptedScopes() {
		return this.acceptedScopes;
	}

}
