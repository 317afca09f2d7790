package dev.latchkey.client.servlet;

import java.io.IOException;
import java.security.Principal;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.client.IntrospectionUnavailableException;
import dev.latchkey.client.TokenInfo;
import dev.latchkey.client.TokenIntrospector;

/**
 * Authenticates requests by Latchkey token exactly as the Latchkey server does: the
 * {@code Bearer}, {@code token} and {@code Basic} forms; {@code 401} with RFC 6750's
 * {@code WWW-Authenticate} and a problem-details body for a missing or bad token;
 * {@code X-OAuth-Scopes} and {@code Latchkey-Token-Expiration} on every authenticated
 * response. When Latchkey can't be asked, the answer is {@code 503}, never a pass.
 * <p>
 * The application reads the caller with {@link LatchkeyPrincipal#of} and checks scopes with
 * {@link Scopes#require}.
 */
public final class LatchkeyAuthenticationFilter implements Filter {

	private final TokenIntrospector introspector;

	private final boolean tokenRequired;

	/**
	 * @param introspector usually a {@link dev.latchkey.client.CachingIntrospector}
	 * @param tokenRequired whether a request without a token is refused ({@code true}) or
	 * passed on anonymous for the application to decide
	 */
	public LatchkeyAuthenticationFilter(TokenIntrospector introspector, boolean tokenRequired) {
		this.introspector = introspector;
		this.tokenRequired = tokenRequired;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		AuthorizationHeader header = AuthorizationHeader.from(request.getHeader("Authorization"));
		if (header instanceof AuthorizationHeader.Absent) {
			if (this.tokenRequired) {
				ProblemResponses.invalidToken(response, "This endpoint needs a token: send Authorization: Bearer <token>.");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (header instanceof AuthorizationHeader.Unreadable unreadable) {
			ProblemResponses.invalidToken(response, unreadable.reason());
			return;
		}
		TokenInfo token;
		try {
			token = this.introspector.introspect(((AuthorizationHeader.Candidate) header).value());
		}
		catch (IntrospectionUnavailableException ex) {
			ProblemResponses.unavailable(response);
			return;
		}
		if (!token.active()) {
			ProblemResponses.invalidToken(response, "The token is unknown, expired or revoked.");
			return;
		}
		response.setHeader("X-OAuth-Scopes", String.join(", ", token.scopes().stream().sorted().toList()));
		if (token.expiresAt() != null) {
			response.setHeader("Latchkey-Token-Expiration", DateTimeFormatter.ISO_INSTANT.format(token.expiresAt()));
		}
		LatchkeyPrincipal principal = new LatchkeyPrincipal(token);
		request.setAttribute(LatchkeyPrincipal.ATTRIBUTE, principal);
		chain.doFilter(new AuthenticatedRequest(request, principal), response);
	}

	private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

		private final LatchkeyPrincipal principal;

		AuthenticatedRequest(HttpServletRequest request, LatchkeyPrincipal principal) {
			super(request);
			this.principal = principal;
		}

		@Override
		public Principal getUserPrincipal() {
			return this.principal;
		}

		@Override
		public String getRemoteUser() {
			return this.principal.getName();
		}

		@Override
		public String getAuthType() {
			return "Bearer";
		}

	}

}
