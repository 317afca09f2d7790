package dev.latchkey.server.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.FieldProblem;

/**
 * The rules for personal access tokens and sanctioned tokens. Absent limits mean no limit.
 * They are followed when a token is generated or regenerated, and again on every use, so a
 * token made before a stricter policy stops working until it is brought within it.
 *
 * @param maxLifetimeDays the longest a personal token may live from its (re)generation, in days
 * @param expirationRequired whether "No expiration" is refused for personal tokens
 * @param allowedScopes the only scopes tokens may carry; absent for all
 * @param adminsOnly whether only admins may have personal tokens
 * @param maxTokensPerUser how many tokens one user may have
 * @param maxSanctionedLifetimeDays the longest a sanctioned token may live, in days; when set,
 * every sanctioned token must expire
 * @param revokeUnusedAfterDays tokens unused this many days are revoked
 */
public record TokenPolicy(@Nullable Integer maxLifetimeDays, boolean expirationRequired,
		@Nullable List<String> allowedScopes, boolean adminsOnly, @Nullable Integer maxTokensPerUser,
		@Nullable Integer maxSanctionedLifetimeDays, @Nullable Integer revokeUnusedAfterDays) {

	private static final String EXPIRATION_REQUIRED = "required_by_policy";

	/** No rules beyond Latchkey's own. */
	public static final TokenPolicy NONE = new TokenPolicy(null, false, null, false, null, null, null);

	/** A policy with no rule on sanctioned tokens or unused tokens. */
	public TokenPolicy(@Nullable Integer maxLifetimeDays, boolean expirationRequired,
			@Nullable List<String> allowedScopes, boolean adminsOnly, @Nullable Integer maxTokensPerUser) {
		this(maxLifetimeDays, expirationRequired, allowedScopes, adminsOnly, maxTokensPerUser, null, null);
	}

	/** The longest lifetime a new token may have, if any. */
	public @Nullable Integer maxLifetimeDays(boolean sanctioned) {
		return sanctioned ? this.maxSanctionedLifetimeDays : this.maxLifetimeDays;
	}

	/** Whether a new token must have an expiration. */
	public boolean expirationRequired(boolean sanctioned) {
		return sanctioned ? this.maxSanctionedLifetimeDays != null : this.expirationRequired;
	}

	/**
	 * The rule on who may have tokens: with "admins only", personal tokens are for admins, while
	 * a sanctioned token may still be issued to anyone.
	 */
	public Optional<FieldProblem> ownerProblem(boolean ownerAdmin, boolean sanctioned) {
		return (this.adminsOnly && !ownerAdmin && !sanctioned) ? Optional.of(new FieldProblem("policy", "admins_only",
				"Your admins' token policy allows personal access tokens for admins only.")) : Optional.empty();
	}

	/** The rule on how many tokens one user may have, sanctioned ones included. */
	public Optional<FieldProblem> countProblem(int tokensHeld) {
		return (this.maxTokensPerUser != null && tokensHeld >= this.maxTokensPerUser)
				? Optional.of(new FieldProblem("policy", "too_many_tokens", "Your admins' token policy allows at most "
						+ this.maxTokensPerUser + " tokens each; revoke one you no longer use."))
				: Optional.empty();
	}

	/** Whether a token may carry this scope. */
	public boolean allowsScope(String scope) {
		return this.allowedScopes == null || this.allowedScopes.contains(scope);
	}

	/** Whether a token may carry all these scopes. */
	public boolean allowsScopes(Collection<String> scopes) {
		return this.allowedScopes == null || this.allowedScopes.containsAll(scopes);
	}

	/** The rules on expiry, measured from {@code now}: whether one is required, and how far away it may be. */
	public Optional<FieldProblem> expirationProblem(@Nullable Instant expiresAt, boolean sanctioned, Instant now) {
		Integer max = maxLifetimeDays(sanctioned);
		if (expiresAt == null && expirationRequired(sanctioned)) {
			return Optional.of(new FieldProblem("expires_at", EXPIRATION_REQUIRED,
					"Your admins' token policy requires an expiration."));
		}
		if (expiresAt != null && max != null && expiresAt.isAfter(now.plus(Duration.ofDays(max)))) {
			return Optional.of(new FieldProblem("expires_at", "exceeds_policy",
					"Your admins' token policy allows at most " + max + " days; choose an earlier expiration."));
		}
		return Optional.empty();
	}

	/**
	 * Why an existing token breaks this policy, if it does: the rules for a new token, measured
	 * from now, so a token made under a looser policy is caught. Worded for the admins' list and
	 * the owner's mail rather than for a form.
	 * @param scopes the token's scopes
	 * @param expiresAt its expiry; absent for never
	 * @param ownerAdmin whether its owner is an admin
	 * @param sanctioned whether it is sanctioned for someone else
	 */
	public Optional<String> breach(Collection<String> scopes, @Nullable Instant expiresAt, boolean ownerAdmin,
			boolean sanctioned, Instant now) {
		if (ownerProblem(ownerAdmin, sanctioned).isPresent()) {
			return Optional.of("personal access tokens are for admins only");
		}
		if (!allowsScopes(scopes)) {
			return Optional.of("it carries a scope the policy doesn't allow");
		}
		return expirationProblem(expiresAt, sanctioned, now)
			.map((problem) -> EXPIRATION_REQUIRED.equals(problem.code()) ? "tokens must have an expiration"
					: "tokens may live at most " + maxLifetimeDays(sanctioned) + " days");
	}

}
