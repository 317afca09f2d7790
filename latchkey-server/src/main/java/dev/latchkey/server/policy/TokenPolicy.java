package dev.latchkey.server.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rules for personal access tokens. Absent limits mean no limit.
 *
 * @param maxLifetimeDays the longest a token may live from its (re)generation, in days
 * @param expirationRequired whether "No expiration" is refused
 * @param allowedScopes the only scopes personal tokens may carry; absent for all
 * @param adminsOnly whether only admins may generate personal tokens
 * @param maxTokensPerUser how many personal tokens one user may have
 */
public record TokenPolicy(@Nullable Integer maxLifetimeDays, boolean expirationRequired,
		@Nullable List<String> allowedScopes, boolean adminsOnly, @Nullable Integer maxTokensPerUser) {

	/** No rules beyond Latchkey's own. */
	public static final TokenPolicy NONE = new TokenPolicy(null, false, null, false, null);

}
