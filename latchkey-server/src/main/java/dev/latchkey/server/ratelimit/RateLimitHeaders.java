package dev.latchkey.server.ratelimit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.latchkey.client.servlet.ProblemResponses;

/**
 * GitHub's rate-limit headers on a response, and its {@code 429} past the limit.
 */
public final class RateLimitHeaders {

	private RateLimitHeaders() {
	}

	/**
	 * Sets the headers of a decision and, when it refuses, answers {@code 429} with
	 * {@code Retry-After}.
	 * @return whether the request may go on
	 */
	public static boolean apply(RateLimitDecision decision, HttpServletResponse response, String resource)
			throws IOException {
		response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
		response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
		response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
		response.setHeader("X-RateLimit-Used", Long.toString(Math.min(decision.used(), decision.limit())));
		response.setHeader("X-RateLimit-Resource", resource);
		if (decision.allowed()) {
			return true;
		}
		long wait = decision.secondsToReset();
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
		ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), "Too Many Requests",
				"Rate limit of " + decision.limit() + " requests per hour exceeded; it resets in " + wait + " seconds.",
				"rate_limited");
		return false;
	}

	/**
	 * Answers {@code 429} with {@code Retry-After} to an address that has presented too many
	 * bad tokens ({@code TokenCheck.Throttled}).
	 */
	public static void tooManyFailedChecks(HttpServletResponse response, long seconds) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), "Too Many Requests",
				"Too many requests with a bad token from this address; try again in " + seconds + " seconds.",
				"rate_limited");
	}

}
