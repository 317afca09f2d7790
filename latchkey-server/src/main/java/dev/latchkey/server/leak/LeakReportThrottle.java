package dev.latchkey.server.leak;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.server.ratelimit.RateLimitHeaders;
import dev.latchkey.server.ratelimit.RateLimitProperties;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.web.BodyLimitFilter;

/**
 * Counts each leak report against its address's hourly limit before anything reads its body,
 * so that a report too large, malformed or refused costs its sender a report all the same, and
 * one over the limit costs the server no parsing at all.
 */
final class LeakReportThrottle extends OncePerRequestFilter {

	static final String PATH = BodyLimitFilter.LEAK_REPORT_PATH;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties rateLimits;

	LeakReportThrottle(RateLimiter rateLimiter, RateLimitProperties rateLimits) {
		this.rateLimiter = rateLimiter;
		this.rateLimits = rateLimits;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (RateLimitHeaders.apply(this.rateLimiter.consume("leak-report:" + request.getRemoteAddr(),
				this.rateLimits.leakReportsPerIpPerHour()), response, "credentials_revoke")) {
			chain.doFilter(request, response);
		}
	}

}
