package dev.latchkey.server.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

/**
 * A personal access token as the API shows it. {@code token} is present only in the answer
 * that creates or regenerates it.
 *
 * @param id the token's id
 * @param name its name
 * @param description its description
 * @param scopes what it may do
 * @param tokenHint its start and last four characters, such as {@code lkp_…x7Qa}
 * @param createdAt when it was created
 * @param expiresAt when it stops working; {@code null} for never
 * @param expired whether it has stopped working
 * @param lastUsedAt when it was last used
 * @param lastUsedIp where it was last used from
 * @param token the plain token, this once
 * @param rateLimitPerHour the token's own hourly limit, below its owner's
 * @param resources for a fine-grained token, the resource ids it is limited to by type; absent
 * when it is limited to none
 * @param sanctionedFor for a sanctioned token, the username of the delegate who holds it
 * @param acceptedAt for a sanctioned token, when its delegate accepted it; null while it waits
 * @param owner for a token sanctioned for the caller, whose data it acts on
 * @param createdByApp the client id of the OAuth App whose token created it, such as the CLI's
 * @param audience the APIs it is bound to (RFC 8707); absent when any API may accept it
 */
public record TokenJson(long id, String name, @Nullable String description, List<String> scopes, String tokenHint,
		Instant createdAt, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant expiresAt, boolean expired,
		@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant lastUsedAt, @Nullable String lastUsedIp,
		@Nullable String token, @Nullable Integer rateLimitPerHour,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Set<String>> resources, @Nullable String sanctionedFor,
		@Nullable Instant acceptedAt, @Nullable String owner, @Nullable String createdByApp,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> audience) {

	public static TokenJson of(TokenMetadata token, Instant now) {
		return of(token, null, null, now);
	}

	public static TokenJson of(IssuedToken issued, Instant now) {
		return of(issued.metadata(), issued.secret().reveal(), null, now);
	}

	/** A token sanctioned for the caller: it names its owner, and the caller is the delegate. */
	public static TokenJson held(TokenMetadata token, @Nullable String secret, String owner, Instant now) {
		return of(token, secret, owner, now);
	}

	private static TokenJson of(TokenMetadata token, @Nullable String secret, @Nullable String owner, Instant now) {
		Delegation delegation = token.delegation();
		// The delegate needn't be told they hold it; the owner is told who does.
		String sanctionedFor = (delegation != null && owner == null) ? delegation.username() : null;
		return new TokenJson(token.id(), token.name(), token.description(), token.scopes(), token.redacted(),
				token.createdAt(), token.expiresAt(), token.isExpired(now), token.lastUsedAt(), token.lastUsedIp(),
				secret, token.rateLimitPerHour(), token.resources().ids(), sanctionedFor,
				(delegation != null) ? delegation.acceptedAt() : null, owner,
				(token.createdBy() != null) ? token.createdBy().clientId() : null, token.audience());
	}

	@Override
	public String toString() {
		return "TokenJson[id=" + this.id + ", name=" + this.name + "]";
	}

}
