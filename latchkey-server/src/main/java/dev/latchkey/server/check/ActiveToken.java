package dev.latchkey.server.check;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenKind;

/**
 * What the hot path needs to know about a stored access token: who it acts for and what it
 * may do, the same for every kind, and then what only its kind has ({@link Grant}). Cached in
 * memory by the token's hash.
 *
 * @param id the personal token's id, or the OAuth authorization's id
 * @param accountId the user it acts for; absent for an app acting as itself (client credentials)
 * @param username that user's username
 * @param admin whether that user is an admin
 * @param scopes what the token may do
 * @param issuedAt when the current secret was issued
 * @param expiresAt when it stops working; absent for never
 * @param hash the token's SHA-256, its cache key
 * @param grant what only a personal or only an OAuth token has
 * @param audience the APIs (RFC 8707 resource identifiers) the token is bound to; empty when any
 * API may accept it
 */
public record ActiveToken(String id, @Nullable Long accountId, @Nullable String username, boolean admin,
		Set<String> scopes, Instant issuedAt, @Nullable Instant expiresAt, String hash, Grant grant,
		Set<String> audience) {

	/** A token bound to no API in particular. */
	public ActiveToken(String id, @Nullable Long accountId, @Nullable String username, boolean admin,
			Set<String> scopes, Instant issuedAt, @Nullable Instant expiresAt, String hash, Grant grant) {
		this(id, accountId, username, admin, scopes, issuedAt, expiresAt, hash, grant, Set.of());
	}

	/** Whether an API with this resource identifier may accept it. */
	public boolean acceptedBy(String resource) {
		return this.audience.isEmpty() || this.audience.contains(resource);
	}

	/** What one kind of token has and the other doesn't. */
	public sealed interface Grant permits Personal, OAuth {

		TokenKind kind();

	}

	/**
	 * A personal access token's own settings.
	 *
	 * @param rateLimitPerHour its own hourly limit; absent when its owner's applies
	 * @param resources for a fine-grained token, the ids it is limited to by resource type; a
	 * type not named is not limited
	 * @param actor for a sanctioned token, the delegate who holds it and acts with it
	 */
	public record Personal(@Nullable Integer rateLimitPerHour, Map<String, Set<String>> resources,
			@Nullable Delegate actor) implements Grant {

		/** A token with no limits of its own, held by its owner. */
		public static final Personal PLAIN = new Personal(null, Map.of(), null);

		@Override
		public TokenKind kind() {
			return TokenKind.PERSONAL;
		}

	}

	/**
	 * The delegate who holds a sanctioned token.
	 *
	 * @param accountId their account
	 * @param username their username (RFC 8693's {@code act} claim)
	 */
	public record Delegate(long accountId, String username) {
	}

	/**
	 * An OAuth access token's grant.
	 *
	 * @param clientId the app it was issued to
	 * @param grantExpiresAt when its grant ends (its refresh token's expiry); absent for grants
	 * without a refresh token
	 * @param actor for a token an app got by token exchange with an actor token, who acts with
	 * it (RFC 8693's {@code act}); absent otherwise
	 * @param jkt for a DPoP-bound token (RFC 9449), the SHA-256 thumbprint of the key every request
	 * must prove it holds; absent for a bearer token
	 */
	public record OAuth(String clientId, @Nullable Instant grantExpiresAt, @Nullable String actor,
			@Nullable String jkt) implements Grant {

		/** A bearer token no one else acts with. */
		public OAuth(String clientId, @Nullable Instant grantExpiresAt) {
			this(clientId, grantExpiresAt, null, null);
		}

		@Override
		public TokenKind kind() {
			return TokenKind.OAUTH_ACCESS;
		}

	}

	public TokenKind kind() {
		return this.grant.kind();
	}

	/** The OAuth app it was issued to; absent for personal tokens. */
	public @Nullable String clientId() {
		return (this.grant instanceof OAuth oauth) ? oauth.clientId() : null;
	}

	/** For an OAuth token, when its grant ends; absent otherwise. */
	public @Nullable Instant grantExpiresAt() {
		return (this.grant instanceof OAuth oauth) ? oauth.grantExpiresAt() : null;
	}

	/** For a DPoP-bound token, the thumbprint of its key; absent for a bearer token. */
	public @Nullable String jkt() {
		return (this.grant instanceof OAuth oauth) ? oauth.jkt() : null;
	}

	/** A personal token's own hourly limit; absent when its owner's applies. */
	public @Nullable Integer rateLimitPerHour() {
		return (this.grant instanceof Personal personal) ? personal.rateLimitPerHour() : null;
	}

	/** The resources a fine-grained token is limited to, by type; empty for no limit. */
	public Map<String, Set<String>> resources() {
		return (this.grant instanceof Personal personal) ? personal.resources() : Map.of();
	}

	/** For a sanctioned token, the delegate's account. */
	public @Nullable Long actorAccountId() {
		return (this.grant instanceof Personal personal && personal.actor() != null) ? personal.actor().accountId()
				: null;
	}

	/** Who acts with the token for its user: a sanctioned token's delegate, or an exchanged token's actor. */
	public @Nullable String actor() {
		if (this.grant instanceof Personal personal) {
			return (personal.actor() != null) ? personal.actor().username() : null;
		}
		return ((OAuth) this.grant).actor();
	}

	/** Whether it belongs to this account or is held by it. */
	public boolean involves(long account) {
		return Long.valueOf(account).equals(this.accountId) || Long.valueOf(account).equals(actorAccountId());
	}

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/**
	 * The id of this personal access token.
	 * @throws TokenNotFoundException for an OAuth token, which has no personal token id
	 */
	public long personalTokenId() {
		if (!(this.grant instanceof Personal)) {
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
		return (this.accountId != null) ? "user:" + this.accountId : "app:" + clientId();
	}

	/** The count of a token with a limit of its own. */
	public String rateLimitSubject() {
		return "token:" + kind().letter() + ":" + this.id;
	}

	/** The subject of the token: the username, or the app's client id when it acts as itself. */
	public String subject() {
		return (this.username != null) ? this.username : String.valueOf(clientId());
	}

}
