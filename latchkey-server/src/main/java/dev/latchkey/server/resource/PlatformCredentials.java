package dev.latchkey.server.resource;

/**
 * How the server proves itself when it reads the platform's resource lists. The OAuth server
 * implements it with a client-credentials token of its own client; the resources need know
 * nothing more of OAuth than that.
 */
public interface PlatformCredentials {

	/** A live bearer token to call the platform with. */
	String accessToken();

}
