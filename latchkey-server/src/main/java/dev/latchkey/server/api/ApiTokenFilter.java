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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.client.dpop.DPoPProofVerifier;
import dev.latchkey.client.servlet.ProblemResponses;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;
import dev.latchkey.server.config.Issuer;
import dev.latchkey.server.ratelimit.RateLimitDecision;
import dev.latchkey.server.ratelimit.RateLimitHeaders;
import dev.latchkey.server.ratelimit.RateLimitProperties;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.scope.ScopeCatalogue;

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

	private final ScopeCatalogue scopes;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties rateLimits;

	private final Issuer issuer;

	private final DPoPProofVerifier proofs;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(TokenAuthenticator authenticator, ScopeCatalogue scopes, RateLimiter rateLimiter,
			RateLimitProperties rateLimits, Issuer issuer, DPoPProofVerifier proofs) {
		this.authenticator = authenticator;
		this.issuer = issuer;
		this.proofs = proofs;
		this.scopes = scopes;
		this.rateLimiter = rateLimiter;
		this.rateLimits = rateLimits;
	}

	/**
	 * Counts the request against its user's (or app's) limit and, if the token has a limit of
	 * its own, against that too, so extra tokens never add up to more than the user's
	 * allowance; sets GitHub's headers for the tighter of the two; past it, answers 429.
	 */
	private boolean withinRateLimit(ActiveToken token, HttpServletResponse response) throws IOException {
		long userLimit = this.rateLimits.perUserPerHour();
		RateLimitDecision decision = (userLimit > 0)
				? this.rateLimiter.consume(token.rateLimitOwner(), userLimit) : null;
		if (token.rateLimitPerHour() != null) {
			RateLimitDecision own = this.rateLimiter.consume(token.rateLimitSubject(), token.rateLimitPerHour());
			if (decision == null || !own.allowed() || own.remaining() < decision.remaining()) {
				decision = own;
			}
		}
		if (decision == null) {
			return true;
		}
		return RateLimitHeaders.apply(decision, response, "core");
	}

	/**
	 * RFC 9449: a token bound to a key works only as {@code DPoP} with a fresh proof signed by
	 * that key; a bearer token can't pretend to be bound. On failure the answer is written.
	 */
	private boolean proofHolds(ActiveToken token, AuthorizationHeader.Candidate presented, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String problem;
		String error = "invalid_dpop_proof";
		if (token.jkt() == null) {
			problem = "This token isn't DPoP-bound: send it as Authorization: Bearer.";
			error = "invalid_token";
		}
		else if (!presented.dpop()) {
			problem = "This token is DPoP-bound: send it as Authorization: DPoP, with a proof in the DPoP header.";
			error = "invalid_token";
		}
		else {
			problem = this.proofs.problem(request.getHeader("DPoP"), request.getMethod(), targetUri(request),
					presented.value(), token.jkt());
		}
		if (problem == null) {
			return true;
		}
		ProblemResponses.dpopRefused(response, error, problem);
		return false;
	}

	/** The URL a proof's {@code htu} must name: this server's public address and the path, without query. */
	private String targetUri(HttpServletRequest request) {
		return this.issuer.of(request) + request.getRequestURI().substring(request.getContextPath().length());
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
		AuthorizationHeader.Candidate presentedToken = (AuthorizationHeader.Candidate) presented;
		String candidate = presentedToken.value();
		TokenCheck check;
		try {
			check = this.authenticator.check(candidate, request.getRemoteAddr());
		}
		catch (DataAccessException ex) {
			// Can't tell good from bad without the database: say so, and never let the request through.
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
		if ((token.jkt() != null || presentedToken.dpop()) && !proofHolds(token, presentedToken, request, response)) {
			return;
		}
		// RFC 8707: a token bound to other APIs was meant for them; one bound to none works anywhere.
		if (!token.audience().isEmpty() && !token.acceptedBy(ApiResource.identifier(this.issuer.of(request)))) {
			ProblemResponses.invalidToken(response, "The token is for another API: its audience doesn't include this one.");
			return;
		}
		if (!withinRateLimit(token, response)) {
			return;
		}
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
