package dev.latchkey.server.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.client.servlet.ProblemResponses;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;
import dev.latchkey.server.ratelimit.RateLimitHeaders;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * Lets in who may read metrics: the scrape token, compared in constant time, or a token of a
 * user who is an admin now with the {@code admin} scope, read from the {@code Authorization}
 * header exactly as the API reads it. A header that names anyone else ends here: {@code 401}
 * for a wrong or unknown token, {@code 403} for a good token without {@code admin}. Requests
 * without the header go on anonymous, for the open probes.
 */
final class MetricsCallerFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(MetricsCallerFilter.class);

	private final TokenAuthenticator authenticator;

	/** SHA-256 of the scrape token, so comparing takes as long whatever its length. */
	private final byte @Nullable [] scrapeTokenHash;

	private final RequestMatcher open;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	/** @param open the endpoints anyone may read, where a header is not looked at */
	MetricsCallerFilter(TokenAuthenticator authenticator, MetricsProperties properties, RequestMatcher open) {
		this.authenticator = authenticator;
		this.scrapeTokenHash = (properties.scrapeToken() != null) ? sha256(properties.scrapeToken()) : null;
		this.open = open;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.open.matches(request);
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
			ProblemResponses.invalidToken(response, unreadable.reason());
			return;
		}
		String candidate = ((AuthorizationHeader.Candidate) presented).value();
		String caller;
		if (isScrapeToken(candidate)) {
			caller = "metrics-scraper";
		}
		else {
			TokenCheck check;
			try {
				check = this.authenticator.check(candidate, request.getRemoteAddr());
			}
			catch (DataAccessException ex) {
				log.warn("Token check failed: database unavailable ({})", ex.getMostSpecificCause().toString());
				ProblemResponses.unavailable(response);
				return;
			}
			if (check instanceof TokenCheck.Throttled throttled) {
				RateLimitHeaders.tooManyFailedChecks(response, throttled.retryAfterSeconds());
				return;
			}
			if (check instanceof TokenCheck.Invalid invalid) {
				ProblemResponses.invalidToken(response, invalid.reason());
				return;
			}
			ActiveToken token = ((TokenCheck.Valid) check).token();
			if (!token.scopes().contains(ScopeCatalogue.ADMIN) || !token.admin()) {
				ProblemResponses.insufficientScope(response, ScopeCatalogue.ADMIN);
				return;
			}
			caller = token.subject();
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of()));
		this.contextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contextHolder.clearContext();
		}
	}

	private boolean isScrapeToken(String candidate) {
		return this.scrapeTokenHash != null && MessageDigest.isEqual(this.scrapeTokenHash, sha256(candidate));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
