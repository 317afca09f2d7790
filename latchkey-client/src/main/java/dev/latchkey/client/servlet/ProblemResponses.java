package dev.latchkey.client.servlet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import dev.latchkey.client.BearerChallenge;
import dev.latchkey.client.dpop.DPoPProofVerifier;

/**
 * The answers Latchkey gives for a bad token, a missing scope or an outage: RFC 6750's
 * {@code WWW-Authenticate} challenges with RFC 9457 problem-details bodies. The server, this
 * library's filter and the Spring Boot starter all write them here, so they say it alike.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/** {@code 401} for a missing, malformed, unknown, expired or revoked token. */
	public static void invalidToken(HttpServletResponse response, String description) throws IOException {
		response.setHeader("WWW-Authenticate", BearerChallenge.invalidToken(description));
		write(response, 401, "Unauthorized", description, "invalid_token");
	}

	/**
	 * {@code 401} for a DPoP-bound token whose proof is missing or wrong, or a token sent with
	 * the wrong scheme (RFC 9449 section 7.1), with the algorithms a proof may use.
	 * @param error {@code invalid_dpop_proof} or {@code invalid_token}
	 */
	public static void dpopRefused(HttpServletResponse response, String error, String description) throws IOException {
		response.setHeader("WWW-Authenticate", BearerChallenge.dpop(error, description, DPoPProofVerifier.ALGORITHMS));
		write(response, 401, "Unauthorized", description, error);
	}

	/** {@code 403} for a good token without any of the accepted scopes. */
	public static void insufficientScope(HttpServletResponse response, String acceptedScopes) throws IOException {
		response.setHeader("WWW-Authenticate", BearerChallenge.insufficientScope(acceptedScopes));
		write(response, 403, "Forbidden", "The token needs one of these scopes: " + acceptedScopes,
				"insufficient_scope");
	}

	/** {@code 403} for a fine-grained token whose selection leaves out the resource asked for. */
	public static void resourceNotSelected(HttpServletResponse response, String resourceType) throws IOException {
		response.setHeader("WWW-Authenticate", BearerChallenge.resourceNotSelected());
		write(response, 403, "Forbidden", resourceNotSelectedDetail(resourceType), "insufficient_scope");
	}

	/** What a person reads when a fine-grained token's selection leaves out the resource. */
	public static String resourceNotSelectedDetail(String resourceType) {
		return "This token is limited to selected " + resourceType + " resources, and this one is not among them.";
	}

	/** {@code 503} when tokens can't be checked: never a pass, never a {@code 500}. */
	public static void unavailable(HttpServletResponse response) throws IOException {
		response.setHeader("Retry-After", "5");
		write(response, 503, "Service Unavailable", "Tokens can't be checked right now. Try again shortly.",
				"temporarily_unavailable");
	}

	/** Any problem: its status, title, a sentence for a person and a machine-readable code. */
	public static void write(HttpServletResponse response, int status, String title, String detail, String error)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("error", error);
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setHeader("Cache-Control", "no-store");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

}
