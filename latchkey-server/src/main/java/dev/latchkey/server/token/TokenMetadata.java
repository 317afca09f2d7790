package dev.latchkey.server.token;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.policy.GovernedToken;

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
 * @param delegation for a sanctioned token, who holds it; absent for the owner's own tokens
 * @param createdBy the OAuth App whose token created it; absent when the owner did, on a page or with a personal token
 * @param audience the APIs the token is bound to (RFC 8707 resource identifiers); empty for any
 */
public record TokenMetadata(long id, long accountId, String name, @Nullable String description, List<String> scopes,
		String tokenStart, String lastFour, Instant createdAt, @Nullable Instant expiresAt,
		@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable Integer rateLimitPerHour,
		ResourceSelection resources, @Nullable Delegation delegation, @Nullable CreatingApp createdBy,
		List<String> audience) implements GovernedToken {

	/** The same token with a new secret and expiry, accepted at {@code acceptedAt} if it is a waiting sanctioned one. */
	public TokenMetadata withSecret(String newLastFour, @Nullable Instant newExpiresAt, @Nullable Instant acceptedAt) {
		Delegation held = (this.delegation != null && acceptedAt != null && !this.delegation.accepted())
				? new Delegation(this.delegation.accountId(), this.delegation.username(), acceptedAt) : this.delegation;
		return new TokenMetadata(this.id, this.accountId, this.name, this.description, this.scopes, this.tokenStart,
				newLastFour, this.createdAt, newExpiresAt, this.lastUsedAt, this.lastUsedIp, this.rateLimitPerHour,
				this.resources, held, this.createdBy, this.audience);
	}

	@Override
	public boolean sanctioned() {
		return this.delegation != null;
	}

	@Override
	public String redacted() {
		return this.tokenStart + "…" + this.lastFour;
	}

}
