package dev.latchkey.server.token;

/**
 * The APIs a token may be bound to (RFC 8707 resource identifiers): Latchkey's own and each one
 * an admin registered with a resource server. The OAuth server knows them; tokens ask.
 */
public interface Apis {

	/** Whether tokens may be bound to this API. */
	boolean known(String resource);

}
