package dev.latchkey.client;

/**
 * The {@code WWW-Authenticate} challenges of RFC 6750 section 3, as Latchkey writes them.
 */
public final class BearerChallenge {

	/** The realm Latchkey names in its challenges. */
	public static final String REALM = "latchkey";

	private BearerChallenge() {
	}

	/** For a missing, malformed, unknown, expired or revoked token ({@code 401}). */
	public static String invalidToken(String description) {
		return "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + quoted(description)
				+ "\"";
	}

	/** For a good token without a scope the endpoint needs ({@code 403}). */
	public static String insufficientScope(String acceptedScopes) {
		return "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", "
				+ "error_description=\"The token lacks a scope this endpoint needs.\", scope=\"" + quoted(acceptedScopes)
				+ "\"";
	}

	/**
	 * For a fine-grained token that has the scope but not the resource ({@code 403}): RFC 6750's
	 * "higher privileges than provided by the access token", with no scope that would help.
	 */
	public static String resourceNotSelected() {
		return "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", "
				+ "error_description=\"The token is limited to other resources.\"";
	}

	/**
	 * For a DPoP-bound token whose proof is missing or wrong, or a bound token sent as a bearer
	 * token ({@code 401}, RFC 9449 section 7.1).
	 * @param error {@code invalid_dpop_proof} or {@code invalid_token}
	 * @param algorithms the signature algorithms a proof may use, space-separated
	 */
	public static String dpop(String error, String description, String algorithms) {
		return "DPoP realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + quoted(description)
				+ "\", algs=\"" + quoted(algorithms) + "\"";
	}

	/** A challenge with RFC 9728's pointer to the protected resource's metadata added. */
	public static String withResourceMetadata(String challenge, String metadataUrl) {
		String parameter = "resource_metadata=\"" + quoted(metadataUrl) + "\"";
		return (challenge.equals("Bearer") || challenge.equals("DPoP")) ? challenge + " " + parameter
				: challenge + ", " + parameter;
	}

	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
