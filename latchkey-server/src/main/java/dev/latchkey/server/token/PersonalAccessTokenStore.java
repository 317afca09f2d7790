package dev.latchkey.server.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.ActiveTokenSource;
import dev.latchkey.server.check.LastUse;
import dev.latchkey.server.check.ScopeSets;
import dev.latchkey.server.config.SqlValues;

/**
 * Personal access tokens in the database. Only each token's SHA-256 (the unique lookup key)
 * and last four characters are stored; every change is one statement, so a failure leaves
 * nothing half-written.
 */
@Repository
public class PersonalAccessTokenStore implements ActiveTokenSource {

	private static final String COLUMNS = """
			id, account_id, name, description, scopes, last_four, created_at, expires_at, last_used_at, last_used_ip,
			rate_limit_per_hour, resources, delegate_account_id, accepted_at, created_by_client_id, audience,
			(SELECT d.username FROM accounts d WHERE d.id = delegate_account_id) AS delegate_username,
			(SELECT app.name FROM oauth_apps app WHERE app.client_id = created_by_client_id) AS created_by_app_name""";

	/** The tokens with their last use, which lives in a narrow table of its own (V16). */
	private static final String TOKENS = "personal_access_tokens t LEFT JOIN token_last_uses u ON u.token_id = t.id";

	/** Rows per JDBC batch, so a busy minute's uses don't become one giant statement. */
	private static final int LAST_USE_BATCH = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final String tokenStart;

	PersonalAccessTokenStore(JdbcClient jdbc, JdbcTemplate batch, TokenFormat format) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.tokenStart = format.start(TokenKind.PERSONAL);
	}

	/**
	 * Stores a new token.
	 * @throws org.springframework.dao.DuplicateKeyException if the owner has a token of that name
	 */
	TokenMetadata insert(long accountId, String name, @Nullable String description, List<String> scopes, String hash,
			String lastFour, Instant createdAt, @Nullable Instant expiresAt, @Nullable Integer rateLimitPerHour,
			ResourceSelection resources, @Nullable Delegation delegation, @Nullable String createdByClientId,
			List<String> audience) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO personal_access_tokens
				    (account_id, name, description, scopes, token_hash, last_four, created_at, expires_at,
				     rate_limit_per_hour, resources, delegate_account_id, created_by_client_id, audience)
				VALUES (:accountId, :name, :description, :scopes, :hash, :lastFour, :createdAt, :expiresAt, :rateLimit,
				        :resources, :delegate, :createdBy, :audience)""")
			.param("accountId", accountId)
			.param("name", name)
			.param("description", description)
			.param("scopes", String.join(" ", scopes))
			.param("hash", hash)
			.param("lastFour", lastFour)
			.param("createdAt", SqlValues.utc(createdAt))
			.param("expiresAt", SqlValues.utc(expiresAt))
			.param("rateLimit", rateLimitPerHour)
			.param("resources", resources.toJson())
			.param("delegate", (delegation != null) ? delegation.accountId() : null)
			.param("createdBy", createdByClientId)
			.param("audience", audience.isEmpty() ? null : String.join(" ", audience))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		return new TokenMetadata(id, accountId, name, description, scopes, this.tokenStart, lastFour, createdAt,
				expiresAt, null, null, rateLimitPerHour, resources, delegation,
				(createdByClientId != null) ? new CreatingApp(createdByClientId, null) : null, audience);
	}

	/** The owner's tokens, newest first. */
	public List<TokenMetadata> findByAccount(long accountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + " WHERE account_id = ? ORDER BY id DESC")
			.param(accountId)
			.query(this::metadata)
			.list();
	}

	/** One of the owner's tokens. */
	Optional<TokenMetadata> findById(long accountId, long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + " WHERE id = ? AND account_id = ?")
			.param(id)
			.param(accountId)
			.query(this::metadata)
			.optional();
	}

	boolean nameExists(long accountId, String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE account_id = ? AND name = ?")
			.param(accountId)
			.param(name)
			.query(Integer.class)
			.single() > 0;
	}

	@Override
	public TokenKind kind() {
		return TokenKind.PERSONAL;
	}

	/**
	 * The token with this hash and its owner, through the unique index on the hash, unless the
	 * owner is suspended; a sanctioned token also needs its delegate to have accepted it and
	 * not to be suspended.
	 */
	@Override
	public Optional<ActiveToken> findActiveByHash(String hash) {
		return this.jdbc.sql("""
				SELECT t.id, t.account_id, a.username, a.is_admin, t.scopes, t.created_at, t.expires_at,
				       t.rate_limit_per_hour, t.resources, t.delegate_account_id, d.username AS delegate_username,
				       t.audience
				FROM personal_access_tokens t JOIN accounts a ON a.id = t.account_id
				LEFT JOIN accounts d ON d.id = t.delegate_account_id
				WHERE t.token_hash = ? AND a.suspended_at IS NULL
				AND (t.delegate_account_id IS NULL OR (t.accepted_at IS NOT NULL AND d.suspended_at IS NULL))""")
			.param(hash)
			.query((rs, row) -> new ActiveToken(rs.getString("id"), rs.getLong("account_id"), rs.getString("username"),
					rs.getBoolean("is_admin"), ScopeSets.of(rs.getString("scopes")), SqlValues.instant(rs, "created_at"),
					SqlValues.instant(rs, "expires_at"), hash, personal(rs), ScopeSets.of(rs.getString("audience"))))
			.optional();
	}

	private static ActiveToken.Personal personal(ResultSet rs) throws SQLException {
		long delegate = rs.getLong("delegate_account_id");
		ActiveToken.Delegate actor = rs.wasNull() ? null
				: new ActiveToken.Delegate(delegate, rs.getString("delegate_username"));
		return new ActiveToken.Personal(rs.getObject("rate_limit_per_hour", Integer.class),
				ResourceSelection.fromJson(rs.getString("resources")).ids(), actor);
	}

	/** The tokens sanctioned for a delegate, waiting ones first, newest first. */
	public List<TokenMetadata> findByDelegate(long delegateAccountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + """
				 WHERE delegate_account_id = ?
				ORDER BY CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END, id DESC""")
			.param(delegateAccountId)
			.query(this::metadata)
			.list();
	}

	/** One token sanctioned for this delegate. */
	public Optional<TokenMetadata> findByDelegate(long delegateAccountId, long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + " WHERE id = ? AND delegate_account_id = ?")
			.param(id)
			.param(delegateAccountId)
			.query(this::metadata)
			.optional();
	}

	/** How many sanctioned tokens wait for this delegate's acceptance; shown on every tokens page, so counted, not listed. */
	int countWaitingFor(long delegateAccountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE delegate_account_id = ? AND accepted_at IS NULL")
			.param(delegateAccountId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Gives a waiting sanctioned token its first real secret as its delegate accepts it; false
	 * if it is gone, already accepted, or not this delegate's.
	 */
	public boolean accept(long id, long delegateAccountId, String oldHash, String newHash, String lastFour, Instant at) {
		return this.jdbc.sql("""
				UPDATE personal_access_tokens SET token_hash = :newHash, last_four = :lastFour, accepted_at = :at
				WHERE id = :id AND delegate_account_id = :delegate AND token_hash = :oldHash AND accepted_at IS NULL""")
			.param("newHash", newHash)
			.param("lastFour", lastFour)
			.param("at", SqlValues.utc(at))
			.param("id", id)
			.param("delegate", delegateAccountId)
			.param("oldHash", oldHash)
			.update() == 1;
	}

	/** Tokens unused since before the cutoff (never used: since creation or acceptance), oldest first, a batch at a time. */
	List<TokenMetadata> findIdleSince(Instant cutoff, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + """
				 WHERE COALESCE(last_used_at, accepted_at, created_at) < ?
				ORDER BY id FETCH FIRST ? ROWS ONLY""")
			.params(SqlValues.utc(cutoff), limit)
			.query(this::metadata)
			.list();
	}

	/**
	 * Every token, a batch of rows at a time, for checking them all against a new policy, until
	 * {@code action} answers false.
	 */
	void forEachWhile(java.util.function.Predicate<TokenMetadata> action) {
		try (java.util.stream.Stream<TokenMetadata> all = this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM " + TOKENS + " ORDER BY account_id, id").withFetchSize(1000).query(this::metadata).stream()) {
			all.allMatch(action); // stops at the first false
		}
	}

	/**
	 * Tokens whose name or owner's username contains the text, ignoring case, newest first; the
	 * newest of all for blank text. For admins.
	 */
	List<OwnedToken> search(String text, int limit) {
		String pattern = SqlValues.containing(text.strip().toLowerCase(Locale.ROOT));
		return this.jdbc.sql("SELECT " + COLUMNS + """
				, (SELECT o.username FROM accounts o WHERE o.id = account_id) AS owner_username""" + " FROM " + TOKENS + """
				 WHERE LOWER(name) LIKE ? ESCAPE '\\'
				   OR account_id IN (SELECT o.id FROM accounts o WHERE o.username_key LIKE ? ESCAPE '\\')
				ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")
			.params(pattern, pattern, limit)
			.query((rs, row) -> new OwnedToken(metadata(rs, row), rs.getString("owner_username")))
			.list();
	}

	/** How many tokens the owner has. */
	int countByAccount(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Tokens that expire in {@code (after, by]} and whose owner hasn't had this expiry notice,
	 * soonest first, a batch at a time.
	 */
	public List<TokenMetadata> findExpiringWithoutNotice(Instant after, Instant by, String notice, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + """
				 WHERE expires_at > ? AND expires_at <= ? AND delegate_account_id IS NULL
				AND NOT EXISTS (SELECT 1 FROM token_expiry_notices n WHERE n.token_id = t.id AND n.notice = ?)
				ORDER BY expires_at FETCH FIRST ? ROWS ONLY""")
			.params(SqlValues.utc(after), SqlValues.utc(by), notice, limit)
			.query(this::metadata)
			.list();
	}

	/** The token with this hash, whatever its owner's standing, for revoking it. */
	Optional<TokenMetadata> findByHash(String hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM " + TOKENS + " WHERE token_hash = ?")
			.param(hash)
			.query(this::metadata)
			.optional();
	}

	/** The current hash of one of the owner's tokens, to evict it from caches. */
	public Optional<String> findHash(long accountId, long id) {
		return this.jdbc.sql("SELECT token_hash FROM personal_access_tokens WHERE id = ? AND account_id = ?")
			.param(id)
			.param(accountId)
			.query(String.class)
			.optional();
	}

	/**
	 * Puts a new secret in place of the one whose hash is {@code oldHash}; false if the token
	 * is gone or another request replaced the secret first.
	 */
	boolean replaceSecret(long id, String oldHash, String newHash, String lastFour, @Nullable Instant expiresAt) {
		return this.jdbc.sql("""
				UPDATE personal_access_tokens
				SET token_hash = :newHash, last_four = :lastFour, expires_at = :expiresAt
				WHERE id = :id AND token_hash = :oldHash""")
			.param("newHash", newHash)
			.param("lastFour", lastFour)
			.param("expiresAt", SqlValues.utc(expiresAt))
			.param("id", id)
			.param("oldHash", oldHash)
			.update() == 1;
	}

	/** Deletes the token if its secret is still the one with this hash. */
	boolean delete(long id, String hash) {
		return this.jdbc.sql("DELETE FROM personal_access_tokens WHERE id = ? AND token_hash = ?")
			.param(id)
			.param(hash)
			.update() == 1;
	}

	/**
	 * Writes "last used" times in one batch: an update where the token has been used before, an
	 * insert for its first use. A time never moves backwards, so nodes or flushes that race can't
	 * lose the newest use; a token deleted meanwhile gets no row.
	 */
	@Override
	public void recordLastUse(List<LastUse> uses) {
		int[][] updated = this.batch.batchUpdate("""
				UPDATE token_last_uses SET last_used_at = ?, last_used_ip = COALESCE(?, last_used_ip)
				WHERE token_id = ? AND last_used_at < ?""", uses, LAST_USE_BATCH, (ps, use) -> {
			OffsetDateTime at = SqlValues.utc(use.at());
			ps.setObject(1, at);
			ps.setString(2, use.ip());
			ps.setLong(3, Long.parseLong(use.tokenId()));
			ps.setObject(4, at);
		});
		List<LastUse> notUpdated = new ArrayList<>();
		for (int i = 0; i < uses.size(); i++) {
			if (updated[i / LAST_USE_BATCH][i % LAST_USE_BATCH] != 1) {
				notUpdated.add(uses.get(i)); // a first use, or a newer one already written
			}
		}
		this.batch.batchUpdate("""
				INSERT INTO token_last_uses (token_id, last_used_at, last_used_ip)
				SELECT t.id, ?, ? FROM personal_access_tokens t
				WHERE t.id = ? AND NOT EXISTS (SELECT 1 FROM token_last_uses u WHERE u.token_id = t.id)""", notUpdated,
				LAST_USE_BATCH, (ps, use) -> {
					ps.setObject(1, SqlValues.utc(use.at()));
					ps.setString(2, use.ip());
					ps.setLong(3, Long.parseLong(use.tokenId()));
				});
	}

	private TokenMetadata metadata(ResultSet rs, int row) throws SQLException {
		return new TokenMetadata(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
				rs.getString("description"), List.of(rs.getString("scopes").split(" ")), this.tokenStart,
				rs.getString("last_four"), SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "expires_at"),
				SqlValues.instant(rs, "last_used_at"), rs.getString("last_used_ip"), rs.getObject("rate_limit_per_hour", Integer.class),
				ResourceSelection.fromJson(rs.getString("resources")), delegation(rs), creatingApp(rs),
				List.copyOf(ScopeSets.of(rs.getString("audience"))));
	}

	private static @Nullable CreatingApp creatingApp(ResultSet rs) throws SQLException {
		String clientId = rs.getString("created_by_client_id");
		return (clientId != null) ? new CreatingApp(clientId, rs.getString("created_by_app_name")) : null;
	}

	private static @Nullable Delegation delegation(ResultSet rs) throws SQLException {
		Long delegate = rs.getObject("delegate_account_id", Long.class);
		return (delegate != null)
				? new Delegation(delegate, rs.getString("delegate_username"), SqlValues.instant(rs, "accepted_at")) : null;
	}

}
