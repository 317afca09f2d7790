package dev.latchkey.server.oauth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
			.map((app) -> new OwnedApp(app, app.builtIn() ? null
					: this.accounts.findById(app.ownerAccountId()).map(Account::username).orElse(null)));
	}

	/**
	 * Marks an app a resource server, or not.
	 * @return the app as it is now; empty when there is no such app
	 * @throws InvalidInputException for Latchkey's own apps, which don't call the introspection endpoint
	 */
	public Optional<OAuthApp> mark(String clientId, boolean resourceServer) {
		Optional<OAuthApp> found = this.apps.findByClientId(clientId);
		if (found.isEmpty() || found.get().resourceServer() == resourceServer) {
			return found;
		}
		OAuthApp app = found.get();
		if (app.builtIn()) {
			throw new InvalidInputException("resource_server", "built_in",
					"Latchkey's own apps don't introspect tokens, so they can't be resource servers.");
		}
		this.transaction.executeWithoutResult((status) -> {
			this.apps.setResourceServer(app.id(), resourceServer);
			this.audit.record(resourceServer ? SecurityAction.RESOURCE_SERVER_MARKED
					: SecurityAction.RESOURCE_SERVER_UNMARKED, app.ownerAccountId(), null,
					Map.of("client_id", app.clientId(), "app", app.name()));
			this.clients.evict(app.clientId());
		});
		return this.apps.findByClientId(clientId);
	}

}
