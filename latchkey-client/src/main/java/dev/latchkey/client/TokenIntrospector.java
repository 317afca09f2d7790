package dev.latchkey.client;

/**
 * Tells whether a token is live and what it may do (RFC 7662).
 */
@FunctionalInterface
public interface TokenIntrospector {

	/**
	 * Introspects a token.
	 * @return the token's information, or {@link TokenInfo#INACTIVE}
	 * @throws IntrospectionUnavailableException if the answer can't be had now; never treat
	 * this as active
	 */
	TokenInfo introspect(String token);

}
