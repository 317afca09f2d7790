package dev.latchkey.server.oauth;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.server.ratelimit.RateLimitDecision;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.web.NoStore;

/**
 * An hourly budget of requests per client address for an OAuth endpoint anyone may call without
 * credentials, where each request stores something (a pending device grant, a registered app).
 * Past it the answer is {@code 429} with {@code Retry-After} and an OAuth-style body whose error
 * is {@code too_many_requests}, as Auth0 and others answer rate-limited OAuth requests; a client
 * acts on the status and {@code Retry-After}.
 *
 * @param limiter the shared counts
 * @param name what is counted, a prefix of the counts' subjects
 * @param perHour requests per address per hour; 0 for no limit
 * @param what the requests, as the refusal names them
 */
record OAuthRequestBudget(RateLimiter limiter, String name, long perHour, String what) {

	private static final Duration HOUR = Duration.ofHours(1);

	/** A filter that spends this budget on the requests the matcher picks, before anything else reads them. */
	Filter filter(RequestMatcher requests) {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (!requests.matches(request) || allowed(request, response)) {
					chain.doFilter(request, response);
				}
			}

		};
	}

	/** Counts the request, good or bad; false, with the answer written, once the address's hour is used up. */
	boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (this.perHour <= 0) {
			return true;
		}
		RateLimitDecision decision = this.limiter.consume(this.name + ":" + request.getRemoteAddr(), this.perHour, HOUR);
		if (decision.allowed()) {
			return true;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.secondsToReset()));
		NoStore.on(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"error\":\"too_many_requests\",\"error_description\":\"Too many " + this.what
					+ " from this address; try again in " + decision.secondsToReset() + " seconds.\"}");
		return false;
	}

}
