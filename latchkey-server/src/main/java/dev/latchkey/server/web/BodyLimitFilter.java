package dev.latchkey.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.servlet.ProblemResponses;

/**
 * Bounds request bodies before anything parses them, signed in or not: a declared
 * {@code Content-Length} over the limit is answered {@code 413} at once, unread; a chunked
 * body is counted as it is read and stops at the limit. Forms are parsed by Tomcat, which
 * stops at {@code maxPostSize} (set to the same limit); a chunked form is parsed here, so its
 * overrun is a {@code 413} too rather than a failure deep in the security filters.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

	/**
	 * Before every filter that might read a body (Spring Security's read forms), after the
	 * observation filter, so refusals are still counted in {@code http.server.requests}.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

	/** The leak report endpoint: no token needed, so its bodies get the smaller limit. */
	public static final String LEAK_REPORT_PATH = "/api/v1/credentials/revoke";

	private final long maxSize;

	private final long leakReportMaxSize;

	BodyLimitFilter(BodyLimitProperties limits) {
		// In bytes once, not per request: this filter runs before every request.
		this.maxSize = limits.maxSize().toBytes();
		this.leakReportMaxSize = limits.leakReportMaxSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response, limit);
			return;
		}
		if (declared >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			chain.doFilter(request, response);
			return;
		}
		if (isForm(request) && !formFits(request)) {
			tooLarge(response, limit);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, limit), response);
		}
		catch (BodyTooLargeException ex) {
			// Read by something outside Spring MVC, whose advice answers for its own readers.
			if (response.isCommitted()) {
				throw ex;
			}
			response.reset();
			tooLarge(response, ex.limit());
		}
	}

	private long limitFor(HttpServletRequest request) {
		return LEAK_REPORT_PATH.equals(request.getRequestURI()) ? this.leakReportMaxSize : this.maxSize;
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return "POST".equals(request.getMethod()) && type != null
				&& type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
						MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
	}

	/** Has Tomcat parse the form now, within its {@code maxPostSize}. */
	private static boolean formFits(HttpServletRequest request) {
		try {
			request.getParameterMap();
			return true;
		}
		catch (InvalidParameterException ex) {
			if (ex.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
				return false;
			}
			// Some other fault of the form: left to whoever reads it, as without this filter.
			return true;
		}
	}

	static void tooLarge(HttpServletResponse response, long limit) throws IOException {
		// Whatever is left of the body stays unread: the connection is closed after the answer.
		response.setHeader(HttpHeaders.CONNECTION, "close");
		ProblemResponses.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
				"The request body is larger than the " + limit + " bytes this endpoint takes.", "body_too_large");
	}

}
