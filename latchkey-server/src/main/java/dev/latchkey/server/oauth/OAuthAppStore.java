package dev.latchkey.server.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;

/**
 * OAuth Apps and the SHA-256 hashes of their client secrets.
 */
@Repository
class OAuthAppStore {

	private static final String COLUMNS = """
			id, client_id, owner_account_id, name, homepage_url, description, redirect_uris, confidential, created_at,
			resource_server, resource_url, registered_dynamically, token_exchange""";

	private final JdbcClient jdbc;

	OAuthAppStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	OAuthApp insert(String clientId, long owner, String name, String homepageUrl, @Nullable String description,
			List<String> redirectUris, boolean confidential, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO oauth_apps (client_id, owner_account_id, name, homepage_url, description, redirect_uris,
				                        confidential, created_at)
				VALUES (:clientId, :owner, :name, :homepage, :description, :redirectUris, :confidential, :createdAt)""")
			.param("clientId", clientId)
			.param("owner", owner)
			.param("name", name)
			.param("homepage", homepageUrl)
			.param("description", description)
			.param("redirectUris", String.join("\n", redirectUris))
			.param("confidential", confidential)
			.param("createdAt", SqlValues.utc(now))
			.update(keys, "id");
		return new OAuthApp(keys.getKeyAs(Number.class).longValue(), clientId, owner, name, homepageUrl, description,
				redirectUris, confidential, now, false, null, false, false);
	}

	/** An app that registered itself: public, owned by nobody. */
	OAuthApp insertDynamic(String clientId, String name, String homepageUrl, List<String> redirectUris, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO oauth_apps (client_id, owner_account_id, name, homepage_url, redirect_uris, confidential,
				                        created_at, registered_dynamically)
				VALUES (:clientId, NULL, :name, :homepage, :redirectUris, FALSE, :createdAt, TRUE)""")
			.param("clientId", clientId)
			.param("name", name)
			.param("homepage", homepageUrl)
			.param("redirectUris", String.join("\n", redirectUris))
			.param("createdAt", SqlValues.utc(now))
			.update(keys, "id");
		return new OAuthApp(keys.getKeyAs(Number.class).longValue(), clientId, null, name, homepageUrl, null,
				redirectUris, false, now, false, null, true, false);
	}

	/** An app that registered itself names itself again (a fresh metadata document): its name, homepage and callbacks. */
	void updateDynamic(long id, String name, String homepageUrl, List<String> redirectUris) {
		this.jdbc.sql("UPDATE oauth_apps SET name = ?, homepage_url = ?, redirect_uris = ? WHERE id = ?")
			.params(name, homepageUrl, String.join("\n", redirectUris), id)
			.update();
	}

	/**
	 * Apps that registered themselves before a time and have no grant used or made since:
	 * what the purge deletes.
	 */
	List<OAuthApp> dynamicUnusedSince(Instant cutoff) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM oauth_apps app WHERE app.registered_dynamically = TRUE AND app.created_at < :cutoff
				AND NOT EXISTS (SELECT 1 FROM oauth2_authorizations a WHERE a.registered_client_id = app.client_id
				                AND (a.created_at >= :cutoff OR a.last_used_at >= :cutoff))""")
			.param("cutoff", SqlValues.utc(cutoff))
			.query(OAuthAppStore::app)
			.list();
	}

	List<OAuthApp> findByOwner(long owner) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM oauth_apps WHERE owner_account_id = ? ORDER BY id")
			.param(owner)
			.query(OAuthAppStore::app)
			.list();
	}

	Optional<OAuthApp> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM oauth_apps WHERE id = ?").param(id).query(OAuthAppStore::app).optional();
	}

	Optional<OAuthApp> findByClientId(String clientId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM oauth_apps WHERE client_id = ?")
			.param(clientId)
			.query(OAuthAppStore::app)
			.optional();
	}

	/**
	 * Apps whose name, client id or owner's username contains the text, ignoring case, with
	 * their owners' usernames (null for Latchkey's own apps), resource servers first; for admins.
	 */
	List<OwnedApp> search(String text, int limit) {
		String pattern = SqlValues.containing(text.strip().toLowerCase(Locale.ROOT));
		return this.jdbc.sql("SELECT " + COLUMNS + """
				, (SELECT o.username FROM accounts o WHERE o.id = owner_account_id) AS owner_username
				 FROM oauth_apps
				 WHERE LOWER(name) LIKE :pattern ESCAPE '\\' OR LOWER(client_id) LIKE :pattern ESCAPE '\\'
				    OR owner_account_id IN (SELECT o.id FROM accounts o WHERE o.username_key LIKE :pattern ESCAPE '\\')
				ORDER BY resource_server DESC, id DESC FETCH FIRST :limit ROWS ONLY""")
			.param("pattern", pattern)
			.param("limit", limit)
			.query((rs, row) -> new OwnedApp(app(rs, row), rs.getString("owner_username")))
			.list();
	}

	/** Marks an app a resource server with the URL of its API, or takes both away. */
	boolean setResourceServer(long id, boolean resourceServer, @Nullable String resourceUrl) {
		return this.jdbc.sql("UPDATE oauth_apps SET resource_server = ?, resource_url = ? WHERE id = ?")
			.params(resourceServer, resourceServer ? resourceUrl : null, id)
			.update() == 1;
	}

	boolean setTokenExchange(long id, boolean allowed) {
		return this.jdbc.sql("UPDATE oauth_apps SET token_exchange = ? WHERE id = ?").params(allowed, id).update() == 1;
	}

	/** Whether a URL is the API of an app marked a resource server: a resource tokens may be bound to. */
	boolean isResourceUrl(String url) {
		return this.jdbc.sql("SELECT COUNT(*) FROM oauth_apps WHERE resource_server = TRUE AND resource_url = ?")
			.param(url)
			.query(Long.class)
			.single() > 0;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM oauth_apps WHERE id = ?").param(id).update() == 1;
	}

	void insertSecret(long appId, String hash, String lastFour, Instant now) {
		this.jdbc.sql("""
				INSERT INTO oauth_app_secrets (app_id, secret_hash, last_four, created_at)
				VALUES (?, ?, ?, ?)""")
			.params(appId, hash, lastFour, SqlValues.utc(now))
			.update();
	}

	List<ClientSecretInfo> findSecrets(long appId) {
		return this.jdbc.sql("SELECT id, last_four, created_at FROM oauth_app_secrets WHERE app_id = ? ORDER BY id")
			.param(appId)
			.query((rs, row) -> new ClientSecretInfo(rs.getLong("id"), rs.getString("last_four"),
					SqlValues.instant(rs, "created_at")))
			.list();
	}

	List<String> findSecretHashes(long appId) {
		return this.jdbc.sql("SELECT secret_hash FROM oauth_app_secrets WHERE app_id = ? ORDER BY id")
			.param(appId)
			.query(String.class)
			.list();
	}

	/** The app holding the client secret with this hash, and that secret's id. */
	Optional<AppSecret> findBySecretHash(String hash) {
		return this.jdbc.sql("SELECT app_id, id FROM oauth_app_secrets WHERE secret_hash = ?")
			.param(hash)
			.query((rs, row) -> new AppSecret(rs.getLong("app_id"), rs.getLong("id")))
			.optional();
	}

	/**
	 * One client secret of one app.
	 *
	 * @param appId the app
	 * @param secretId the secret
	 */
	record AppSecret(long appId, long secretId) {
	}

	boolean deleteSecret(long appId, long secretId) {
		return this.jdbc.sql("DELETE FROM oauth_app_secrets WHERE app_id = ? AND id = ?").params(appId, secretId).update() == 1;
	}

	private static OAuthApp app(ResultSet rs, int row) throws SQLException {
		long ownerId = rs.getLong("owner_account_id");
		Long owner = rs.wasNull() ? null : ownerId;
		return new OAuthApp(rs.getLong("id"), rs.getString("client_id"), owner,
				rs.getString("name"), rs.getString("homepage_url"), rs.getString("description"),
				List.of(rs.getString("redirect_uris").split("\n")), rs.getBoolean("confidential"),
				SqlValues.instant(rs, "created_at"), rs.getBoolean("resource_server"), rs.getString("resource_url"),
				rs.getBoolean("registered_dynamically"), rs.getBoolean("token_exchange"));
	}

}
