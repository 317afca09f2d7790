package dev.latchkey.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param resources for a fine-grained token, the resource ids it is limited to by type, such
 * as {@code {"notebook": ["12", "40"]}}; a type not named is not limited
 * @param actor for a sanctioned token, the user who holds it and acts on the subject's data
 * (RFC 8693's {@code act.sub}); absent for a token used by its own subject
 * @param audience the APIs (RFC 8707 resource identifiers) the token is bound to ({@code aud});
 * empty when any API may accept it
 * @param jkt for a DPoP-bound token (RFC 9449), the thumbprint of its key ({@code cnf.jkt}): each
 * request must bring a proof signed by that key; absent for a bearer token
 */
public record TokenInfo(boolean active, Set<String> scopes, @Nullable String clientId, @Nullable String username,
		@Nullable String subject, @Nullable String tokenType, @Nullable Instant expiresAt, @Nullable Instant issuedAt,
		@Nullable String kind, Map<String, Set<String>> resources, @Nullable String actor, Set<String> audience,
		@Nullable String jkt) {

	/** The answer for any token that isn't live. */
	public static final TokenInfo INACTIVE = new TokenInfo(false, Set.of(), null, null, null, null, null, null, null);

	/** The client id of the Latchkey server itself, when it calls the platform (its resource lists). */
	public static final String LATCHKEY_SERVER_CLIENT_ID = "latchkey-server";

	public TokenInfo {
		scopes = Set.copyOf(scopes);
		Map<String, Set<String>> copy = new LinkedHashMap<>();
		resources.forEach((type, ids) -> copy.put(type, Set.copyOf(ids)));
		resources = Collections.unmodifiableMap(copy);
		audience = Set.copyOf(audience);
	}

	/** A token bound to no API in particular. */
	public TokenInfo(boolean active, Set<String> scopes, @Nullable String clientId, @Nullable String username,
			@Nullable String subject, @Nullable String tokenType, @Nullable Instant expiresAt,
			@Nullable Instant issuedAt, @Nullable String kind, Map<String, Set<String>> resources,
			@Nullable String actor) {
		this(active, scopes, clientId, username, subject, tokenType, expiresAt, issuedAt, kind, resources, actor,
				Set.of(), null);
	}

	/** A bearer token, perhaps bound to some APIs. */
	public TokenInfo(boolean active, Set<String> scopes, @Nullable String clientId, @Nullable String username,
			@Nullable String subject, @Nullable String tokenType, @Nullable Instant expiresAt,
			@Nullable Instant issuedAt, @Nullable String kind, Map<String, Set<String>> resources,
			@Nullable String actor, Set<String> audience) {
		this(active, scopes, clientId, username, subject, tokenType, expiresAt, issuedAt, kind, resources, actor,
				audience, null);
	}

	/** A token limited to no resources. */
	public TokenInfo(boolean active, Set<String> scopes, @Nullable String clientId, @Nullable String username,
			@Nullable String subject, @Nullable String tokenType, @Nullable Instant expiresAt,
			@Nullable Instant issuedAt, @Nullable String kind) {
		this(active, scopes, clientId, username, subject, tokenType, expiresAt, issuedAt, kind, Map.of(), null);
	}

	/** Whether the token is limited to selected resources of this type. */
	public boolean limits(String resourceType) {
		return this.resources.containsKey(resourceType);
	}

	/** Whether the token may touch this resource: its type isn't limited, or the id is among those selected. */
	public boolean allowsResource(String resourceType, String resourceId) {
		Set<String> selected = this.resources.get(resourceType);
		return selected == null || selected.contains(resourceId);
	}

	/**
	 * The one check a handler needs for a fine-grained token: one of the accepted scopes, and
	 * the resource within the token's selection.
	 */
	public boolean permits(String resourceType, String resourceId, String... acceptedScopes) {
		if (!this.active || !allowsResource(resourceType, resourceId)) {
			return false;
		}
		for (String scope : acceptedScopes) {
			if (this.scopes.contains(scope)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the caller is the Latchkey server itself, acting as itself to list a user's resources. */
	public boolean isLatchkeyServer() {
		return this.active && LATCHKEY_SERVER_CLIENT_ID.equals(this.clientId) && this.username == null;
	}

	/**
	 * Whether an API with this resource identifier may accept the token: it is bound to none,
	 * or to this one among others (RFC 8707).
	 */
	public boolean acceptedBy(String resource) {
		return this.audience.isEmpty() || this.audience.contains(resource);
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
