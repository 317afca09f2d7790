package dev.latchkey.server.api;

/**
 * Latchkey's REST API as an OAuth protected resource: its identifier is {@code <issuer>/api}
 * (RFC 8707, RFC 9728), and a token bound to other APIs is refused here.
 */
public final class ApiResource {

	/** Where the API lives under the issuer. */
	public static final String PATH = "/api";

	private ApiResource() {
	}

	/** The API's resource identifier under an issuer URL. */
	public static String identifier(String issuer) {
		return issuer + PATH;
	}

}
