package dev.latchkey.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.audit.AccountIds;
import dev.latchkey.server.config.AfterCommit;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.mail.MailAddresses;

/**
 * Accounts in the database. Usernames and email addresses are unique ignoring case,
 * enforced by the database on lower-cased key columns.
 */
@Repository
public class AccountStore implements AccountIds, MailAddresses {

	private static final String COLUMNS = "id, username, email, is_admin, created_at, suspended_at, email_verified_at";

	private final JdbcClient jdbc;

	/**
	 * Accounts by id, for API calls such as {@code GET /api/v1/user} that would otherwise cost
	 * a query each. Whatever changes an account (a suspension, for now) evicts it here after
	 * the commit, and other nodes are told as the token cache's are.
	 */
	private final Cache<Long, Account> byId = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new account.
	 * @throws org.springframework.dao.DuplicateKeyException if the username or email is taken
	 */
	Account create(String username, @Nullable String email, String passwordHash, boolean admin, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO accounts (username, username_key, email, email_key, password_hash, is_admin, created_at)
				VALUES (:username, :usernameKey, :email, :emailKey, :passwordHash, :admin, :createdAt)""")
			.param("username", username)
			.param("usernameKey", key(username))
			.param("email", email)
			.param("emailKey", (email != null) ? key(email) : null)
			.param("passwordHash", passwordHash)
			.param("admin", admin)
			.param("createdAt", SqlValues.utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		return new Account(id, username, email, admin, now, null, null);
	}

	/** The account, if it exists. */
	public Optional<Account> findById(long id) {
		// Caffeine keeps no null, so an id that isn't there yet is looked up again next time.
		return Optional.ofNullable(this.byId.get(id, (key) -> load(key).orElse(null)));
	}

	private Optional<Account> load(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
			.param(id)
			.query(AccountStore::account)
			.optional();
	}

	/** The account with this username, ignoring case. */
	@Override
	public Optional<String> addressOf(long accountId) {
		// Only a verified address: until then, whoever typed it may not own it.
		return findById(accountId).filter(Account::emailVerified).map(Account::email);
	}

	@Override
	public Optional<Long> idOf(String username) {
		return findByUsername(username).map(Account::id);
	}

	public Optional<Account> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE username_key = ?")
			.param(key(username))
			.query(AccountStore::account)
			.optional();
	}

	/** The account and its password hash, for signing in and confirming access. */
	Optional<Credentials> findCredentials(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM accounts WHERE username_key = ?")
			.param(key(username))
			.query((rs, row) -> new Credentials(account(rs, row), rs.getString("password_hash")))
			.optional();
	}

	/** The password hash of an account, for confirming access. */
	Optional<String> findPasswordHash(long id) {
		return this.jdbc.sql("SELECT password_hash FROM accounts WHERE id = ?").param(id).query(String.class).optional();
	}

	void setPasswordHash(long id, String hash) {
		this.jdbc.sql("UPDATE accounts SET password_hash = ?, password_known = TRUE WHERE id = ?").params(hash, id).update();
	}

	/** For an account made through an identity provider: its random password is nobody's. */
	void forgetPassword(long id) {
		this.jdbc.sql("UPDATE accounts SET password_known = FALSE WHERE id = ?").param(id).update();
	}

	/** Whether the account's owner has a password to sign in with. */
	public boolean passwordKnown(long id) {
		return this.jdbc.sql("SELECT password_known FROM accounts WHERE id = ?").param(id).query(Boolean.class).optional()
			.orElse(false);
	}

	/**
	 * Suspends the account, or lifts its suspension with {@code null}.
	 * @return false if there is no such account
	 */
	public boolean setSuspended(long id, @Nullable Instant at) {
		boolean changed = this.jdbc.sql("UPDATE accounts SET suspended_at = ? WHERE id = ?")
			.params(SqlValues.utc(at), id)
			.update() == 1;
		// After the commit, or a concurrent read could cache the row as it was.
		AfterCommit.run(() -> evictLocally(id));
		return changed;
	}

	/**
	 * Marks the address verified, if it is still the account's.
	 * @return false if the account's address is another by now
	 */
	public boolean markEmailVerified(long id, String email, Instant at) {
		boolean verified = this.jdbc.sql("UPDATE accounts SET email_verified_at = ? WHERE id = ? AND email_key = ?")
			.params(SqlValues.utc(at), id, key(email))
			.update() == 1;
		AfterCommit.run(() -> evictLocally(id));
		return verified;
	}

	/**
	 * Gives the account a new address, not yet verified.
	 * @throws org.springframework.dao.DuplicateKeyException if another account has it
	 */
	public void changeEmail(long id, String email) {
		this.jdbc.sql("UPDATE accounts SET email = ?, email_key = ?, email_verified_at = NULL WHERE id = ?")
			.params(email, key(email), id)
			.update();
		AfterCommit.run(() -> evictLocally(id));
	}

	/** Makes the account an admin, or no longer one. */
	public void setAdmin(long id, boolean admin) {
		this.jdbc.sql("UPDATE accounts SET is_admin = ? WHERE id = ?").params(admin, id).update();
		AfterCommit.run(() -> evictLocally(id));
	}

	/** Forgets every cached account; for a node that may have missed changes made on other nodes. */
	public void clear() {
		this.byId.invalidateAll();
	}

	/** Forgets a cached account here, because it changed on this node or another. */
	public void evictLocally(long id) {
		this.byId.invalidate(id);
	}

	/**
	 * Accounts whose username or email contains the text, ignoring case, by username; all of
	 * them for blank text.
	 */
	public List<Account> search(String text, int limit) {
		String pattern = SqlValues.containing(key(text.strip()));
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM accounts WHERE username_key LIKE ? ESCAPE '\\' OR email_key LIKE ? ESCAPE '\\'
				ORDER BY username_key FETCH FIRST ? ROWS ONLY""")
			.params(pattern, pattern, limit)
			.query(AccountStore::account)
			.list();
	}

	boolean usernameExists(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM accounts WHERE username_key = ?")
			.param(key(username))
			.query(Integer.class)
			.single() > 0;
	}

	/** The account with this email address, compared without case. */
	Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE email_key = ?")
			.param(key(email))
			.query(AccountStore::account)
			.optional();
	}

	boolean emailExists(String email) {
		return this.jdbc.sql("SELECT COUNT(*) FROM accounts WHERE email_key = ?")
			.param(key(email))
			.query(Integer.class)
			.single() > 0;
	}

	boolean adminExists() {
		return admins() > 0;
	}

	/** How many admins there are. */
	public int admins() {
		return this.jdbc.sql("SELECT COUNT(*) FROM accounts WHERE is_admin = TRUE").query(Integer.class).single();
	}

	/**
	 * Deletes the account; its tokens, grants, apps and settings go with it (the foreign keys
	 * cascade). The security log keeps its entries, which name the account without a key.
	 */
	public void delete(long id) {
		this.jdbc.sql("DELETE FROM accounts WHERE id = ?").param(id).update();
		AfterCommit.run(() -> evictLocally(id));
	}

	private static String key(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	private static Account account(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getBoolean("is_admin"),
				SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "suspended_at"),
				SqlValues.instant(rs, "email_verified_at"));
	}

	/** An account with its password hash; never leaves this package. */
	record Credentials(Account account, String passwordHash) {

		@Override
		public String toString() {
			return "Credentials[" + this.account.username() + "]";
		}

	}

}
