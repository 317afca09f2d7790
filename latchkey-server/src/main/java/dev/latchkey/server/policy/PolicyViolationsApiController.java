package dev.latchkey.server.policy;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * {@code GET /api/v1/admin/token-policy/violations}: the live tokens the policy in force rules
 * out, which the token check refuses, with their owners and the rule each one breaks.
 */
@RestController
class PolicyViolationsApiController {

	static final int LIMIT = 1000;

	private final PolicyEnforcement enforcement;

	PolicyViolationsApiController(PolicyEnforcement enforcement) {
		this.enforcement = enforcement;
	}

	@GetMapping("/api/v1/admin/token-policy/violations")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	List<ViolationJson> violations() {
		return this.enforcement.violations(LIMIT)
			.stream()
			.map((violation) -> new ViolationJson(violation.owner(),
					GovernedTokenJson.of(violation.token()), violation.reason()))
			.toList();
	}

	/**
	 * A token the policy rules out.
	 *
	 * @param owner its owner's username
	 * @param token the token, never its value
	 * @param reason the rule it breaks
	 */
	record ViolationJson(String owner, GovernedTokenJson token, String reason) {
	}

}
