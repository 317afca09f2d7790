package dev.latchkey.server.leak;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.input.InvalidInputException;

/**
 * {@code POST /api/v1/credentials/revoke}: anyone who finds a Latchkey token in public (a
 * person or a secret scanner using the patterns of {@code /api/v1/meta}) reports it here,
 * without a token of their own, as with GitHub's credential revocation API. The answer is
 * the same whether or not anything was revoked. Reports are counted per address by
 * {@link LeakReportThrottle} and bounded in size by the body limit, both before this reads them.
 */
@RestController
class LeakReportController {

	private final LeakRevoker revoker;

	LeakReportController(LeakRevoker revoker) {
		this.revoker = revoker;
	}

	@PostMapping(path = LeakReportThrottle.PATH, consumes = "application/json")
	ResponseEntity<Void> revoke(@RequestBody LeakReportJson report) {
		List<String> credentials = report.credentials();
		if (credentials == null) {
			throw new InvalidInputException("credentials", "missing", "Send {\"credentials\": [\"...\"]}.");
		}
		this.revoker.revoke(credentials);
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

}
