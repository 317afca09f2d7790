package dev.latchkey.server.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * {@code GET} and {@code PUT /api/v1/admin/token-policy}: the token policy, whole.
 */
@RestController
@RequestMapping("/api/v1/admin/token-policy")
class TokenPolicyApiController {

	private final TokenPolicyService policies;

	TokenPolicyApiController(TokenPolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	@RequiredScopes(ScopeCatalogue.ADMIN)
	PolicyJson get() {
		return PolicyJson.of(this.policies.current());
	}

	@PutMapping
	@RequiredScopes(ScopeCatalogue.ADMIN)
	PolicyJson put(@RequestBody PolicyJson body) {
		this.policies.update(body.toPolicy());
		return PolicyJson.of(this.policies.current());
	}

	/**
	 * The policy as the API shows and takes it; a missing limit is no limit.
	 *
	 * @param maxLifetimeDays the longest a token may live, in days
	 * @param expirationRequired whether every token must expire
	 * @param allowedScopes the only scopes tokens may carry; absent for all
	 * @param adminsOnly whether only admins may have personal access tokens
	 * @param maxTokensPerUser how many tokens one user may have
	 * @param maxSanctionedLifetimeDays the longest a sanctioned token may live, in days
	 * @param revokeUnusedAfterDays tokens unused this many days are revoked
	 */
	record PolicyJson(@Nullable Integer maxLifetimeDays, @Nullable Boolean expirationRequired,
			@Nullable List<String> allowedScopes, @Nullable Boolean adminsOnly, @Nullable Integer maxTokensPerUser,
			@Nullable Integer maxSanctionedLifetimeDays, @Nullable Integer revokeUnusedAfterDays) {

		static PolicyJson of(TokenPolicy policy) {
			return new PolicyJson(policy.maxLifetimeDays(), policy.expirationRequired(), policy.allowedScopes(),
					policy.adminsOnly(), policy.maxTokensPerUser(), policy.maxSanctionedLifetimeDays(),
					policy.revokeUnusedAfterDays());
		}

		TokenPolicy toPolicy() {
			return new TokenPolicy(this.maxLifetimeDays, Boolean.TRUE.equals(this.expirationRequired),
					this.allowedScopes, Boolean.TRUE.equals(this.adminsOnly), this.maxTokensPerUser,
					this.maxSanctionedLifetimeDays, this.revokeUnusedAfterDays);
		}

	}

}
