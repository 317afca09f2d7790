package dev.latchkey.server.oauth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.InvalidInputException;

/**
 * The apps admins mark as resource servers: the platform's own APIs, which check every
 * user's tokens by introspection. Any other app introspects only its own tokens and its
 * owner's. A change takes effect at once on every node (the app's client is evicted) and
 * goes into the security log of the app's owner, with the admin as actor.
 */
@Service
public class ResourceServers {

	private final OAuthAppStore apps;

	private final AccountStore accounts;

	private final OAuthClientRepository clients;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	ResourceServers(OAuthAppStore apps, AccountStore accounts, OAuthClientRepository clients, AuditLog audit,
			TransactionOperations transaction) {
		this.apps = apps;
		this.accounts = accounts;
		this.clients = clients;
		this.audit = audit;
		this.transaction = transaction;
	}

	/** Apps whose name, client id or owner contains the text, resource servers first. */
	public List<OwnedApp> search(String text, int limit) {
		return this.apps.search(text, limit);
	}

	/** The app with this client id, and its owner. */
	public Optional<OwnedApp> find(String clientId) {
		return this.apps.findByClientId(clientId)
			.map((app) -> new OwnedApp(app, (app.ownerAccountId() == null) ? null
					: this.accounts.findById(app.ownerAccountId()).map(Account::username).orElse(null)));
	}

	/**
	 * Allows an app to trade users' tokens for narrower ones (RFC 8693 token exchange), or not.
	 * @return the app as it is now; empty when there is no such app
	 * @throws InvalidInputException for an app without a client secret, which can't authenticate
	 * to the token endpoint, and for Latchkey's own apps
	 */
	public Optional<OAuthApp> allowTokenExchange(String clientId, boolean allowed) {
		Optional<OAuthApp> found = this.apps.findByClientId(clientId);
		if (found.isEmpty() || found.get().tokenExchange() == allowed) {
			return found;
		}
		OAuthApp app = found.get();
		if (allowed && (app.builtIn() || !app.confidential())) {
			throw new InvalidInputException("token_exchange", "not_confidential",
					"Only an app with a client secret, registered by a user, may exchange tokens.");
		}
		this.transaction.executeWithoutResult((status) -> {
			this.apps.setTokenExchange(app.id(), allowed);
			this.audit.record(allowed ? SecurityAction.TOKEN_EXCHANGE_ALLOWED : SecurityAction.TOKEN_EXCHANGE_DISALLOWED,
					app.ownerAccountId(), null, Map.of("client_id", app.clientId(), "app", app.name()));
			this.clients.evict(app.clientId());
		});
		return this.apps.findByClientId(clientId);
	}

	/**
	 * Marks an app a resource server, or not.
	 * @param resourceUrl the URL of its API, which tokens may then be bound to (RFC 8707); may
	 * be absent when only introspection is wanted
	 * @return the app as it is now; empty when there is no such app
	 * @throws InvalidInputException for Latchkey's own apps, which don't call the introspection
	 * endpoint, and for a resource URL that isn't an {@code https} URL (or {@code http} on this
	 * machine) without a fragment
	 */
	public Optional<OAuthApp> mark(String clientId, boolean resourceServer, @Nullable String resourceUrl) {
		Optional<OAuthApp> found = this.apps.findByClientId(clientId);
		String url = (resourceServer && resourceUrl != null && !resourceUrl.isBlank()) ? resourceUrl.strip() : null;
		if (found.isEmpty() || (found.get().resourceServer() == resourceServer
				&& Objects.equals(found.get().resourceUrl(), url))) {
			return found;
		}
		OAuthApp app = found.get();
		if (app.builtIn()) {
			throw new InvalidInputException("resource_server", "built_in",
					"Latchkey's own apps don't introspect tokens, so they can't be resource servers.");
		}
		if (app.registeredDynamically()) {
			throw new InvalidInputException("resource_server", "registered_dynamically",
					"An app that registered itself is public: it can't authenticate to introspect tokens.");
		}
		if (url != null && !CallbackUrls.isResourceUrl(url)) {
			throw new InvalidInputException("resource_url", "invalid",
					"A resource URL is the https address of the API, such as https://notes.example/api, without a fragment.");
		}
		this.transaction.executeWithoutResult((status) -> {
			this.apps.setResourceServer(app.id(), resourceServer, url);
			Map<String, String> details = new java.util.LinkedHashMap<>();
			details.put("client_id", app.clientId());
			details.put("app", app.name());
			if (url != null) {
				details.put("resource_url", url);
			}
			this.audit.record(resourceServer ? SecurityAction.RESOURCE_SERVER_MARKED
					: SecurityAction.RESOURCE_SERVER_UNMARKED, app.ownerAccountId(), null, details);
			this.clients.evict(app.clientId());
		});
		return this.apps.findByClientId(clientId);
	}

}
