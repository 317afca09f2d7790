package dev.latchkey.server.token;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the hot path needs to know about a stored token: who it acts for and what it may do.
 * Cached in memory by the token's hash.
 *
 * @param id the token's id
 * @param accountId the owner
 * @param username the owner's username
 * @param admin whether the owner is an admin
 * @param scopes what the token may do
 * @param expiresAt when it stops working; absent for never
 * @param hash the token's SHA-256, its cache key
 */
public record ActiveToken(long id, long accountId, String username, boolean admin, Set<String> scopes,
		@Nullable Instant expiresAt, String hash) {

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/** The limits a token sets on the tokens it creates. */
	public TokenCeiling ceiling() {
		return new TokenCeiling(this.scopes, this.expiresAt);
	}

}
