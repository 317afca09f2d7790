package dev.latchkey.server.token;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.check.ActiveToken;

/**
 * What a token may hand on to tokens it creates or regenerates: never more scopes than it
 * has, never a later expiry.
 *
 * @param scopes the presenting token's scopes
 * @param expiresAt the presenting token's expiry; absent for never
 * @param resources the ids the presenting token is limited to, by resource type
 * @param clientId the OAuth App the presenting token was issued to; a token it creates records it
 */
public record TokenCeiling(Set<String> scopes, @Nullable Instant expiresAt, Map<String, Set<String>> resources,
		@Nullable String clientId, Set<String> audience) {

	/** The limits of a token bound to no API in particular. */
	public TokenCeiling(Set<String> scopes, @Nullable Instant expiresAt, Map<String, Set<String>> resources,
			@Nullable String clientId) {
		this(scopes, expiresAt, resources, clientId, Set.of());
	}

	/**
	 * The limits a token sets on the tokens it creates. An OAuth access token lasts hours but
	 * stands for a grant that its refresh token renews for months, so the grant's end is its
	 * limit; a personal token's limit is its own expiry.
	 */
	public static TokenCeiling of(ActiveToken token) {
		return new TokenCeiling(token.scopes(),
				(token.grantExpiresAt() != null) ? token.grantExpiresAt() : token.expiresAt(), token.resources(),
				token.clientId(), token.audience());
	}

	/** Whether the presenting token is limited to resources at all. */
	public boolean limitsResources() {
		return !this.resources.isEmpty();
	}

	/** Whether a selection stays within this ceiling's resources: each limited type limited to a subset. */
	public boolean covers(ResourceSelection selection) {
		Map<String, Set<String>> wanted = selection.ids();
		return this.resources.entrySet()
			.stream()
			.allMatch((limit) -> wanted.containsKey(limit.getKey()) && limit.getValue().containsAll(wanted.get(limit.getKey())));
	}

}
