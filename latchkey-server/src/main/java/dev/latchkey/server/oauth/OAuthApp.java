package dev.latchkey.server.oauth;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registered third-party application.
 *
 * @param id the app's id
 * @param clientId its public OAuth client id
 * @param ownerAccountId the user who registered it; absent for an app built into Latchkey (the CLI)
 * @param name its name, shown on the consent page
 * @param homepageUrl its homepage, shown on the consent page
 * @param description what it does
 * @param redirectUris the callback URLs it may use, matched exactly
 * @param confidential whether it keeps a client secret (a server) or not (a CLI, a single-page app)
 * @param createdAt when it was registered
 * @param resourceServer whether an admin made it a resource server, which may introspect any token;
 * any other app introspects only its own tokens and its owner's
 * @param resourceUrl the URL of its API, its RFC 8707 resource identifier, which tokens may be
 * bound to; set by the admin who marked it a resource server
 * @param registeredDynamically whether it registered itself (RFC 7591), with no owner
 * @param tokenExchange whether an admin allows it to trade users' tokens for narrower ones (RFC 8693)
 */
public record OAuthApp(long id, String clientId, @Nullable Long ownerAccountId, String name, String homepageUrl,
		@Nullable String description, List<String> redirectUris, boolean confidential, Instant createdAt,
		boolean resourceServer, @Nullable String resourceUrl, boolean registeredDynamically, boolean tokenExchange) {

	/** Whether the app is one of Latchkey's own (the CLI, the server itself), which no user owns. */
	public boolean builtIn() {
		return this.ownerAccountId == null && !this.registeredDynamically;
	}

}
