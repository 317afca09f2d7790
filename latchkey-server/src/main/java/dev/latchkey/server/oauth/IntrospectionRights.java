package dev.latchkey.server.oauth;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.latchkey.server.account.Account;

/**
 * Whose tokens an app may introspect (RFC 7662 section 4: the server decides what a caller
 * may learn). An app reads the tokens issued to it and its owner's tokens; an app an admin
 * marks as a resource server reads any token. The rights travel in the registered client's
 * settings, so checking them costs no query: the client is cached after client authentication.
 *
 * @param clientId the app
 * @param ownerAccountId its owner's account; absent for Latchkey's own apps
 * @param ownerUsername its owner's username, which names the user of a refresh token's grant
 * @param resourceServer whether it may read any token
 */
record IntrospectionRights(String clientId, @Nullable Long ownerAccountId, @Nullable String ownerUsername,
		boolean resourceServer) {

	private static final String OWNER_ID = "latchkey.owner-account-id";

	private static final String OWNER_USERNAME = "latchkey.owner-username";

	private static final String RESOURCE_SERVER = "latchkey.resource-server";

	/** Puts an app's rights into its client settings. */
	static ClientSettings.Builder write(ClientSettings.Builder settings, OAuthApp app, @Nullable Account owner) {
		settings.setting(RESOURCE_SERVER, app.resourceServer());
		if (owner != null) {
			settings.setting(OWNER_ID, owner.id()).setting(OWNER_USERNAME, owner.username());
		}
		return settings;
	}

	/** The rights written into a client's settings; a client without them reads only its own tokens. */
	static IntrospectionRights of(RegisteredClient client) {
		ClientSettings settings = client.getClientSettings();
		return new IntrospectionRights(client.getClientId(), settings.getSetting(OWNER_ID),
				settings.getSetting(OWNER_USERNAME), Boolean.TRUE.equals(settings.getSetting(RESOURCE_SERVER)));
	}

	/**
	 * Whether the app may read an access token.
	 * @param tokenClientId the app the token was issued to; absent for a personal access token
	 * @param tokenAccountId the user it acts for; absent for an app acting as itself
	 */
	boolean mayRead(@Nullable String tokenClientId, @Nullable Long tokenAccountId) {
		return this.resourceServer || this.clientId.equals(tokenClientId)
				|| (this.ownerAccountId != null && this.ownerAccountId.equals(tokenAccountId));
	}

	/**
	 * Whether the app may read a refresh token, whose grant names its user by username.
	 * @param tokenClientId the app the grant is for
	 * @param principalName the grant's user, or the app's client id when it acts as itself
	 */
	boolean mayReadGrant(String tokenClientId, String principalName) {
		return this.resourceServer || this.clientId.equals(tokenClientId)
				|| (this.ownerUsername != null && !principalName.equals(tokenClientId)
						&& this.ownerUsername.equals(principalName));
	}

}
