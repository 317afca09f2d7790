package dev.latchkey.server.api;

import java.io.IOException;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.token.ActiveToken;
import dev.latchkey.server.token.TokenAuthenticator;
import dev.latchkey.server.token.TokenCheck;

/**
 * Authenticates API requests by token. A request without an {@code Authorization} header
 * goes on anonymous (the authorization rules decide); one with a header that isn't a good
 * token ends here with {@code 401}, even on public endpoints, so a client learns at once
 * that its token is wrong.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

	static final String SCOPES_HEADER = "X-OAuth-Scopes";

	static final String EXPIRATION_HEADER = "Latchkey-Token-Expiration";

	private final TokenAuthenticator authenticator;

	private final ApiProblems problems;

	private final ScopeCatalogue scopes;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(TokenAuthenticator authenticator, ApiProblems problems, ScopeCatalogue scopes) {
		this.authenticator = authenticator;
		this.problems = problems;
		this.scopes = scopes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuthorizationHeader presented = AuthorizationHeader.from(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (presented instanceof AuthorizationHeader.Absent) {
			chain.doFilter(request, response);
			return;
		}
		if (presented instanceof AuthorizationHeader.Unreadable unreadable) {
			this.problems.writeInvalidToken(response, unreadable.reason());
			return;
		}
		String candidate = ((AuthorizationHeader.Candidate) presented).value();
		TokenCheck check;
		try {
			check = this.authenticator.check(candidate, request.getRemoteAddr());
		}
		catch (DataAccessException ex) {
			// Can't tell good from bad without the database: say so, and never let the request through.
			log.warn("Token check failed: database unavailable ({})", ex.getClass().getSimpleName());
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			this.problems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
					"Tokens can't be checked right now. Try again shortly.", "temporarily_unavailable");
			return;
		}
		if (check instanceof TokenCheck.Invalid invalid) {
			this.problems.writeInvalidToken(response, invalid.reason());
			return;
		}
		ActiveToken token = ((TokenCheck.Valid) check).token();
		response.setHeader(SCOPES_HEADER, String.join(", ", this.scopes.inOrder(token.scopes())));
		if (token.expiresAt() != null) {
			response.setHeader(EXPIRATION_HEADER, DateTimeFormatter.ISO_INSTANT.format(token.expiresAt()));
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(new ApiAuthentication(token));
		this.contextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contextHolder.clearContext();
		}
	}

}
