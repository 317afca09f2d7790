package dev.latchkey.client.servlet;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Scope checks for handlers, answered as the Latchkey server answers them.
 */
public final class Scopes {

	private Scopes() {
	}

	/**
	 * Checks the scopes of a request authenticated by {@link LatchkeyAuthenticationFilter}.
	 * @return whether the handler may go on
	 * @see #require(HttpServletResponse, Set, String...)
	 */
	public static boolean require(HttpServletRequest request, HttpServletResponse response, String... accepted)
			throws IOException {
		LatchkeyPrincipal principal = LatchkeyPrincipal.of(request);
		return require(response, (principal != null) ? principal.scopes() : Set.of(), accepted);
	}

	/**
	 * The one check a handler needs for a fine-grained token: one of the accepted scopes, and
	 * the resource within the token's selection; if not, writes the {@code 403}.
	 * @return whether the handler may go on
	 */
	public static boolean require(HttpServletRequest request, HttpServletResponse response, String resourceType,
			String resourceId, String... accepted) throws IOException {
		if (!require(request, response, accepted)) {
			return false;
		}
		LatchkeyPrincipal principal = LatchkeyPrincipal.of(request);
		if (principal == null || !principal.token().allowsResource(resourceType, resourceId)) {
			ProblemResponses.resourceNotSelected(response, resourceType);
			return false;
		}
		return true;
	}

	/**
	 * Announces the accepted scopes in {@code X-Accepted-OAuth-Scopes} and checks that the
	 * token's scopes include one of them; if not, writes RFC 6750's {@code 403}
	 * {@code insufficient_scope} with a problem-details body.
	 * @return whether the handler may go on
	 */
	public static boolean require(HttpServletResponse response, Set<String> granted, String... accepted)
			throws IOException {
		String list = String.join(", ", accepted);
		response.setHeader("X-Accepted-OAuth-Scopes", list);
		for (String scope : accepted) {
			if (granted.contains(scope)) {
				return true;
			}
		}
		ProblemResponses.insufficientScope(response, list);
		return false;
	}

}
