package dev.latchkey.client.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.client.BearerChallenge;

/**
 * Scope checks for handlers behind {@link LatchkeyAuthenticationFilter}, answered as the
 * Latchkey server answers them.
 */
public final class Scopes {

	private Scopes() {
	}

	/**
	 * Announces the accepted scopes in {@code X-Accepted-OAuth-Scopes} and checks that the
	 * request's token has one of them; if not, writes RFC 6750's {@code 403}
	 * {@code insufficient_scope} with a problem-details body.
	 * @return whether the handler may go on
	 */
	public static boolean require(HttpServletRequest request, HttpServletResponse response, String... accepted)
			throws IOException {
		String list = String.join(", ", accepted);
		response.setHeader("X-Accepted-OAuth-Scopes", list);
		LatchkeyPrincipal principal = LatchkeyPrincipal.of(request);
		if (principal != null) {
			for (String scope : accepted) {
				if (principal.hasScope(scope)) {
					return true;
				}
			}
		}
		response.setHeader("WWW-Authenticate", BearerChallenge.insufficientScope(list));
		Problems.write(response, 403, "Forbidden", "The token needs one of these scopes: " + list,
				"insufficient_scope");
		return false;
	}

}
