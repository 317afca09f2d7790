package dev.latchkey.server.leak;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.ratelimit.RateLimitHeaders;
import dev.latchkey.server.ratelimit.RateLimitProperties;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.web.InvalidInputException;

/**
 * {@code POST /api/v1/credentials/revoke}: anyone who finds a Latchkey token in public (a
 * person or a secret scanner using the patterns of {@code /api/v1/meta}) reports it here,
 * without a token of their own, as with GitHub's credential revocation API. The answer is
 * the same whether or not anything was revoked.
 */
@RestController
class LeakReportController {

	private final LeakRevoker revoker;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties rateLimits;

	LeakReportController(LeakRevoker revoker, RateLimiter rateLimiter, RateLimitProperties rateLimits) {
		this.revoker = revoker;
		this.rateLimiter = rateLimiter;
		this.rateLimits = rateLimits;
	}

	@PostMapping(path = "/api/v1/credentials/revoke", consumes = "application/json")
	ResponseEntity<Void> revoke(@RequestBody LeakReportJson report, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!RateLimitHeaders.apply(this.rateLimiter.consume("leak-report:" + request.getRemoteAddr(),
				this.rateLimits.leakReportsPerIpPerHour()), response, "credentials_revoke")) {
			return null;
		}
		List<String> credentials = report.credentials();
		if (credentials == null) {
			throw new InvalidInputException("credentials", "missing", "Send {\"credentials\": [\"...\"]}.");
		}
		this.revoker.revoke(credentials);
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

}
