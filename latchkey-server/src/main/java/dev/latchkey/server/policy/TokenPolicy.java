package dev.latchkey.server.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

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
	 * Why an existing token breaks this policy, if it does: the same rules as for a new token,
	 * measured from now, so a token made under a looser policy is caught.
	 * @param scopes the token's scopes
	 * @param expiresAt its expiry; absent for never
	 * @param ownerAdmin whether its owner is an admin
	 * @param sanctioned whether it is sanctioned for someone else
	 */
	public Optional<String> breach(Collection<String> scopes, @Nullable Instant expiresAt, boolean ownerAdmin,
			boolean sanctioned, Instant now) {
		if (this.adminsOnly && !ownerAdmin && !sanctioned) {
			return Optional.of("personal access tokens are for admins only");
		}
		if (this.allowedScopes != null && !this.allowedScopes.containsAll(scopes)) {
			return Optional.of("it carries a scope the policy doesn't allow");
		}
		if (expiresAt == null && expirationRequired(sanctioned)) {
			return Optional.of("tokens must have an expiration");
		}
		Integer max = maxLifetimeDays(sanctioned);
		if (expiresAt != null && max != null && expiresAt.isAfter(now.plus(Duration.ofDays(max)))) {
			return Optional.of("tokens may live at most " + max + " days");
		}
		return Optional.empty();
	}

}
