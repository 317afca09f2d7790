package dev.latchkey.server.token;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything stored about a personal access token except its secret.
 *
 * @param id the token's id
 * @param accountId the owner
 * @param name the owner's name for it, unique per owner
 * @param description what the owner wrote about it
 * @param scopes what it may do
 * @param tokenStart the token's fixed start, such as {@code lkp_}
 * @param lastFour the last four characters of the secret, for recognising it
 * @param createdAt when it was created
 * @param expiresAt when it stops working; absent for "No expiration"
 * @param lastUsedAt when it was last used, at minute precision
 * @param lastUsedIp the IP address it was last used from
 * @param rateLimitPerHour the token's own hourly limit, if it has one
 * @param resources the resources it is limited to, by type
 */
public record TokenMetadata(long id, long accountId, String name, @Nullable String description, List<String> scopes,
		String tokenStart, String lastFour, Instant createdAt, @Nullable Instant expiresAt,
		@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable Integer rateLimitPerHour,
		ResourceSelection resources) {

	/** A token limited to no resources. */
	public TokenMetadata(long id, long accountId, String name, @Nullable String description, List<String> scopes,
			String tokenStart, String lastFour, Instant createdAt, @Nullable Instant expiresAt,
			@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable Integer rateLimitPerHour) {
		this(id, accountId, name, description, scopes, tokenStart, lastFour, createdAt, expiresAt, lastUsedAt,
				lastUsedIp, rateLimitPerHour, ResourceSelection.ALL);
	}

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/** How the token is shown after its one showing, such as {@code lkp_…x7Qa}. */
	public String redacted() {
		return this.tokenStart + "…" + this.lastFour;
	}

}
