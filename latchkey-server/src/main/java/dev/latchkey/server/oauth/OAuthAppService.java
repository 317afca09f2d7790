package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;

/**
 * Registering OAuth Apps and rotating their client secrets. An app may have two secrets at
 * once so it can switch without downtime; deleting an app revokes every token it holds.
 */
@Service
public class OAuthAppService {

	static final int MAX_SECRETS = 2;

	static final int MAX_CALLBACKS = 10;

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final OAuthAppStore store;

	private final OAuthClientRepository clients;

	private final HashedOAuth2AuthorizationService authorizations;

	private final JdbcClient jdbc;

	private final TokenFormat format;

	private final Clock clock;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	OAuthAppService(OAuthAppStore store, OAuthClientRepository clients, HashedOAuth2AuthorizationService authorizations,
			JdbcClient jdbc, TokenFormat format, Clock clock, AuditLog audit, TransactionOperations transaction) {
		this.audit = audit;
		this.transaction = transaction;
		this.store = store;
		this.clients = clients;
		this.authorizations = authorizations;
		this.jdbc = jdbc;
		this.format = format;
		this.clock = clock;
	}

	RegisteredApp register(long owner, AppForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = required(form.name(), "name", "Application name", 100, problems);
		String homepage = required(form.homepageUrl(), "homepageUrl", "Homepage URL", 2000, problems);
		if (!homepage.isEmpty() && !isWebUrl(homepage)) {
			problems.add(new FieldProblem("homepageUrl", "invalid", "Homepage URL must be an http or https URL."));
		}
		String description = (form.description() == null || form.description().isBlank()) ? null
				: form.description().strip();
		if (description != null && description.length() > 1000) {
			problems.add(new FieldProblem("description", "too_long", "Description is too long (at most 1000 characters)."));
		}
		List<String> callbacks = form.callbackList();
		checkCallbacks(callbacks, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		OAuthApp app = this.store.insert(newClientId(), owner, name, homepage, description, callbacks,
				form.confidential(), this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		TokenSecret secret = app.confidential() ? addSecret(app) : null;
		return new RegisteredApp(app, secret);
	}

	List<OAuthApp> list(long owner) {
		return this.store.findByOwner(owner);
	}

	OAuthApp get(long owner, long id) {
		return this.store.findById(id).filter((app) -> Long.valueOf(owner).equals(app.ownerAccountId())).orElseThrow(AppNotFoundException::new);
	}

	List<ClientSecretInfo> secrets(OAuthApp app) {
		return this.store.findSecrets(app.id());
	}

	TokenSecret generateSecret(long owner, long id) {
		OAuthApp app = get(owner, id);
		if (!app.confidential()) {
			throw new InvalidInputException("secrets", "public_client", "A public client has no client secret.");
		}
		if (this.store.findSecrets(app.id()).size() >= MAX_SECRETS) {
			throw new InvalidInputException("secrets", "too_many", "An app can have at most " + MAX_SECRETS
					+ " client secrets. Delete the one you no longer use first.");
		}
		return addSecret(app);
	}

	void deleteSecret(long owner, long id, long secretId) {
		OAuthApp app = get(owner, id);
		if (!this.store.deleteSecret(app.id(), secretId)) {
			throw new AppNotFoundException();
		}
		this.clients.evict(app.clientId());
	}

	/**
	 * Deletes the client secret with this hash, wherever it is, as a leak report asks; the app
	 * keeps working with its other secret, if it has one.
	 * @return the app that held it
	 */
	public Optional<OAuthApp> revokeSecretByHash(String hash) {
		return this.store.findBySecretHash(hash).flatMap((secret) -> {
			if (!this.store.deleteSecret(secret.appId(), secret.secretId())) {
				return Optional.empty();
			}
			Optional<OAuthApp> app = this.store.findById(secret.appId());
			app.ifPresent((held) -> this.clients.evict(held.clientId()));
			return app;
		});
	}

	/** Deletes each of the owner's apps as {@link #delete} does; for an account that is deleted. */
	public void deleteAllOf(long owner) {
		for (OAuthApp app : this.store.findByOwner(owner)) {
			delete(owner, app.id());
		}
	}

	/** Deletes the app and revokes every token and consent it holds. */
	void delete(long owner, long id) {
		removeWithGrants(get(owner, id));
	}

	private void removeWithGrants(OAuthApp app) {
		this.authorizations.removeAllForClient(app.clientId());
		this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?")
			.param(app.clientId())
			.update();
		this.store.delete(app.id());
		this.clients.evict(app.clientId());
	}

	/**
	 * Registers an app that asked to be registered (RFC 7591): public, owned by nobody, its
	 * callbacks already checked. In the security log, which keeps who asked from where.
	 */
	OAuthApp registerDynamically(String name, String homepage, List<String> callbacks) {
		return this.transaction.execute((status) -> {
			OAuthApp app = this.store.insertDynamic(newClientId(), name, homepage, callbacks,
					this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
			this.audit.record(SecurityAction.OAUTH_APP_REGISTERED_DYNAMICALLY, null, null,
					Map.of("client_id", app.clientId(), "app", app.name(), "callback_urls", String.join(" ", callbacks)));
			return app;
		});
	}

	/** Deletes an app that registered itself and went unused, as {@link #delete} deletes an owner's. */
	void deleteUnused(OAuthApp app) {
		this.transaction.executeWithoutResult((status) -> {
			removeWithGrants(app);
			this.audit.record(SecurityAction.OAUTH_APP_DELETED_UNUSED, null, null,
					Map.of("client_id", app.clientId(), "app", app.name()));
		});
	}

	private TokenSecret addSecret(OAuthApp app) {
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.CLIENT_SECRET);
		this.store.insertSecret(app.id(), secret.sha256(), secret.lastFour(),
				this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		this.clients.evict(app.clientId());
		return secret;
	}

	private static void checkCallbacks(List<String> callbacks, List<FieldProblem> problems) {
		if (callbacks.isEmpty()) {
			problems.add(new FieldProblem("callbackUrls", "missing", "Add at least one authorization callback URL."));
			return;
		}
		if (callbacks.size() > MAX_CALLBACKS) {
			problems.add(new FieldProblem("callbackUrls", "too_many",
					"An app can have at most " + MAX_CALLBACKS + " callback URLs."));
		}
		for (String callback : callbacks) {
			FieldProblem problem = CallbackUrls.problem(callback);
			if (problem != null) {
				problems.add(problem);
				return;
			}
		}
	}

	private static String required(@Nullable String value, String field, String label, int max,
			List<FieldProblem> problems) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.isEmpty()) {
			problems.add(new FieldProblem(field, "missing", label + " can't be blank."));
		}
		else if (stripped.length() > max) {
			problems.add(new FieldProblem(field, "too_long", label + " is too long (at most " + max + " characters)."));
		}
		return stripped;
	}

	private static boolean isWebUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String newClientId() {
		StringBuilder id = new StringBuilder("Lk");
		for (int i = 0; i < 18; i++) {
			id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return id.toString();
	}

}
