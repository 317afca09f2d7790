package dev.latchkey.server.check;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenKind;

/**
 * What the hot path needs to know about a stored access token, personal or OAuth: who it
 * acts for and what it may do. Cached in memory by the token's hash.
 *
 * @param kind {@link TokenKind#PERSONAL} or {@link TokenKind#OAUTH_ACCESS}
 * @param id the personal token's id, or the OAuth authorization's id
 * @param accountId the user it acts for; absent for an app acting as itself (client credentials)
 * @param username that user's username
 * @param admin whether that user is an admin
 * @param scopes what the token may do
 * @param issuedAt when the current secret was issued
 * @param expiresAt when it stops working; absent for never
 * @param hash the token's SHA-256, its cache key
 * @param clientId the OAuth app it was issued to; absent for personal tokens
 * @param grantExpiresAt for an OAuth token, when its grant ends (its refresh token's expiry);
 * absent for personal tokens and grants without a refresh token
 * @param rateLimitPerHour the token's own hourly limit; absent when its owner's applies
 * @param resources for a fine-grained token, the ids it is limited to by resource type; a type
 * not named is not limited
 * @param actorAccountId for a sanctioned token, the delegate who holds it and acts with it
 * @param actor that delegate's username (RFC 8693's {@code act} claim)
 */
public record ActiveToken(TokenKind kind, String id, @Nullable Long accountId, @Nullable String username,
		boolean admin, Set<String> scopes, Instant issuedAt, @Nullable Instant expiresAt, String hash,
		@Nullable String clientId, @Nullable Instant grantExpiresAt, @Nullable Integer rateLimitPerHour,
		Map<String, Set<String>> resources, @Nullable Long actorAccountId, @Nullable String actor) {

	/** A token limited to no resources. */
	public ActiveToken(TokenKind kind, String id, @Nullable Long accountId, @Nullable String username, boolean admin,
			Set<String> scopes, Instant issuedAt, @Nullable Instant expiresAt, String hash, @Nullable String clientId,
			@Nullable Instant grantExpiresAt, @Nullable Integer rateLimitPerHour) {
		this(kind, id, accountId, username, admin, scopes, issuedAt, expiresAt, hash, clientId, grantExpiresAt,
				rateLimitPerHour, Map.of(), null, null);
	}

	/** Whether it belongs to this account or is held by it. */
	public boolean involves(long account) {
		return Long.valueOf(account).equals(this.accountId) || Long.valueOf(account).equals(this.actorAccountId);
	}

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/**
	 * The id of this personal access token.
	 * @throws TokenNotFoundException for an OAuth token, which has no personal token id
	 */
	public long personalTokenId() {
		if (this.kind != TokenKind.PERSONAL) {
			throw new TokenNotFoundException();
		}
		return Long.parseLong(this.id);
	}

	/**
	 * The account the token acts for.
	 * @throws NoUserException for an app acting as itself
	 */
	public long requireAccountId() {
		if (this.accountId == null) {
			throw new NoUserException();
		}
		return this.accountId;
	}

	/** Whose allowance a request with this token counts against: its user's, or its app's. */
	public String rateLimitOwner() {
		return (this.accountId != null) ? "user:" + this.accountId : "app:" + this.clientId;
	}

	/** The count of a token with a limit of its own. */
	public String rateLimitSubject() {
		return "token:" + this.kind.letter() + ":" + this.id;
	}

	/** The subject of the token: the username, or the app's client id when it acts as itself. */
	public String subject() {
		return (this.username != null) ? this.username : String.valueOf(this.clientId);
	}

}
