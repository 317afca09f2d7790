package dev.latchkey.client;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What introspection says about a token (RFC 7662 section 2.2). An inactive token carries
 * nothing else, as the server sends nothing else.
 *
 * @param active whether the token is live
 * @param scopes what it may do
 * @param clientId the OAuth app it was issued to; absent for personal access tokens
 * @param username the user it acts for; absent for an app acting as itself
 * @param subject the subject: the username, or the app's client id
 * @param tokenType the token's type, {@code Bearer}
 * @param expiresAt when it stops working; absent for never
 * @param issuedAt when it was issued
 * @param kind {@code personal} or {@code oauth} ({@code latchkey_token_kind})
 */
public record TokenInfo(boolean active, Set<String> scopes, @Nullable String clientId, @Nullable String username,
		@Nullable String subject, @Nullable String tokenType, @Nullable Instant expiresAt, @Nullable Instant issuedAt,
		@Nullable String kind) {

	/** The answer for any token that isn't live. */
	public static final TokenInfo INACTIVE = new TokenInfo(false, Set.of(), null, null, null, null, null, null, null);

	public TokenInfo {
		scopes = Set.copyOf(scopes);
	}

	/** Whether the token carries a scope. */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/** Whether it is a personal access token rather than an OAuth token. */
	public boolean isPersonal() {
		return "personal".equals(this.kind);
	}

	/** Whether the token is past its expiry at an instant. */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
