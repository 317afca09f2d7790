package dev.latchkey.server.policy;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A token as admins see it in the API: never its value.
 *
 * @param id the token's id
 * @param name its name
 * @param tokenHint how it starts and ends, such as {@code lkp_…x7Qa}
 * @param scopes what it may do
 * @param createdAt when it was made
 * @param expiresAt when it expires, if it does
 * @param lastUsedAt when it was last used
 * @param lastUsedIp from where
 */
public record GovernedTokenJson(long id, String name, String tokenHint, List<String> scopes, Instant createdAt,
		@Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable String lastUsedIp) {

	public static GovernedTokenJson of(GovernedToken token) {
		return new GovernedTokenJson(token.id(), token.name(), token.redacted(), token.scopes(), token.createdAt(),
				token.expiresAt(), token.lastUsedAt(), token.lastUsedIp());
	}

}
