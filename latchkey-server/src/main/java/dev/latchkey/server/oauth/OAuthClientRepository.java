package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.AfterCommit;
import dev.latchkey.server.config.PeerNodes;

/**
 * Spring Authorization Server's view of OAuth Apps. Registered clients are cached briefly,
 * so authenticating a client on the token and introspection endpoints costs a hash and a
 * map lookup, not a query; every change to an app evicts it. An app whose owner is
 * suspended is not a client at all: it fails client authentication ({@code invalid_client}),
 * can't introspect, and its authorization requests and consent pages are refused. Its
 * introspection rights ride along in its client settings ({@link IntrospectionRights}), so
 * marking an app a resource server evicts it too.
 */
@Component
public class OAuthClientRepository implements RegisteredClientRepository {

	private final OAuthAppStore apps;

	private final OAuthScopes scopes;

	private final OAuthProperties properties;

	private final AccountStore accounts;

	private final Cache<String, Optional<RegisteredClient>> cache;

	private final PeerNodes peers;

	private final ClientMetadataDocuments documents;

	private final ClientRegistrationSettings registration;

	private final AuditLog audit;

	private final Clock clock;

	OAuthClientRepository(OAuthAppStore apps, OAuthScopes scopes, OAuthProperties properties, AccountStore accounts,
			PeerNodes peers, ClientMetadataDocuments documents, ClientRegistrationSettings registration, AuditLog audit,
			Clock clock) {
		this.peers = peers;
		this.documents = documents;
		this.registration = registration;
		this.audit = audit;
		this.clock = clock;
		this.apps = apps;
		this.scopes = scopes;
		this.properties = properties;
		this.accounts = accounts;
		this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.clientCacheTtl()).build();
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("OAuth Apps are registered through Settings → Developer settings");
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		// An app's registered-client id is its client id.
		return findByClientId(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return this.cache.get(clientId, this::load).orElse(null);
	}

	/** Forgets an app's settings and secrets here and tells the other nodes to, after the commit. */
	void evict(String clientId) {
		AfterCommit.run(() -> {
			this.cache.invalidate(clientId);
			this.peers.forget(PeerNodes.Cache.CLIENT, clientId);
		});
	}

	/** Forgets every app of an account, here and on the other nodes; for an owner suspended or let back in. */
	public void evictAppsOf(long ownerAccountId) {
		this.apps.findByOwner(ownerAccountId).forEach((app) -> evict(app.clientId()));
	}

	/** Forgets an app on this node only, because another node said it changed. */
	public void evictLocally(String clientId) {
		this.cache.invalidate(clientId);
	}

	/** Forgets every app on this node. */
	public void clear() {
		this.cache.invalidateAll();
	}

	private Optional<RegisteredClient> load(String clientId) {
		if (ClientMetadataDocuments.isUrl(clientId)) {
			return this.registration.current().open() ? this.documents.fetch(clientId).map(this::fromDocument)
					: Optional.empty();
		}
		// Latchkey's own apps and apps that registered themselves have no owner to be suspended.
		return this.apps.findByClientId(clientId).flatMap((app) -> (app.ownerAccountId() == null)
				? Optional.of(toRegisteredClient(app, null))
				: this.accounts.findById(app.ownerAccountId())
					.filter((owner) -> !owner.suspended())
					.map((owner) -> toRegisteredClient(app, owner)));
	}

	/**
	 * An app known by its metadata document, kept as an app that registered itself so that its
	 * grants, consent page and purge work as for any other; what the document says now wins.
	 */
	private RegisteredClient fromDocument(ClientMetadataDocuments.Document document) {
		Optional<OAuthApp> known = this.apps.findByClientId(document.clientId());
		OAuthApp app;
		if (known.isPresent()) {
			this.apps.updateDynamic(known.get().id(), document.name(), document.homepage(), document.callbacks());
			app = this.apps.findByClientId(document.clientId()).orElseThrow();
		}
		else {
			app = this.apps.insertDynamic(document.clientId(), document.name(), document.homepage(), document.callbacks(),
					this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
			this.audit.record(SecurityAction.OAUTH_APP_REGISTERED_DYNAMICALLY, null, null,
					Map.of("client_id", app.clientId(), "app", app.name(), "metadata_document", "true"));
		}
		return toRegisteredClient(app, null);
	}

	private RegisteredClient toRegisteredClient(OAuthApp app, @Nullable Account owner) {
		if (ServerCredentials.CLIENT_ID.equals(app.clientId())) {
			return serverItself(app);
		}
		boolean confidential = app.confidential();
		return RegisteredClient.withId(app.clientId())
			.clientId(app.clientId())
			.clientIdIssuedAt(app.createdAt())
			.clientName(app.name())
			.clientSecret(confidential ? ClientSecretHashes.join(this.apps.findSecretHashes(app.id())) : null)
			.clientAuthenticationMethods((methods) -> {
				if (confidential) {
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
				}
				else {
					methods.add(ClientAuthenticationMethod.NONE);
				}
			})
			.authorizationGrantTypes((grants) -> {
				grants.add(AuthorizationGrantType.AUTHORIZATION_CODE);
				grants.add(AuthorizationGrantType.REFRESH_TOKEN);
				grants.add(AuthorizationGrantType.DEVICE_CODE);
				if (confidential) {
					grants.add(AuthorizationGrantType.CLIENT_CREDENTIALS);
				}
				if (confidential && app.tokenExchange()) {
					grants.add(AuthorizationGrantType.TOKEN_EXCHANGE);
				}
			})
			.redirectUris((uris) -> uris.addAll(app.redirectUris()))
			.scopes((allowed) -> allowed.addAll(app.builtIn() ? this.scopes.names()
					: this.scopes.thirdPartyNames()))
			.clientSettings(IntrospectionRights
				.write(ClientSettings.builder().requireProofKey(!confidential).requireAuthorizationConsent(true), app, owner)
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.REFERENCE)
				.accessTokenTimeToLive(this.properties.accessTokenTimeToLive())
				.refreshTokenTimeToLive(this.properties.refreshTokenTimeToLive())
				.authorizationCodeTimeToLive(this.properties.authorizationCodeTimeToLive())
				.deviceCodeTimeToLive(this.properties.deviceCodeTimeToLive())
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

	/** The server's own client: client credentials only, no secret, so only the server issues its tokens. */
	private RegisteredClient serverItself(OAuthApp app) {
		return RegisteredClient.withId(app.clientId())
			.clientId(app.clientId())
			.clientIdIssuedAt(app.createdAt())
			.clientName(app.name())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.REFERENCE)
				.accessTokenTimeToLive(this.properties.accessTokenTimeToLive())
				.build())
			.build();
	}

}
