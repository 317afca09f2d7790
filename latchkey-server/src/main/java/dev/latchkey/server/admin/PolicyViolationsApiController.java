package dev.latchkey.server.admin;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.token.PolicyEnforcement;

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
					AdminApiController.AdminTokenJson.of(violation.token()), violation.reason()))
			.toList();
	}

	/**
	 * A token the policy rules out.
	 *
	 * @param owner its owner's username
	 * @param token the token, never its value
	 * @param reason the rule it breaks
	 */
	record ViolationJson(String owner, AdminApiController.AdminTokenJson token, String reason) {
	}

}
