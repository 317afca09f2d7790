package dev.latchkey.server.federation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;

/** Which account a provider's user is, by the provider's id and the user's subject there. */
@Repository
class LinkedIdentities {

	private final JdbcClient jdbc;

	LinkedIdentities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account linked to a provider's user, noting the use. */
	Optional<Long> accountOf(String providerId, String subject, Instant now) {
		Optional<Long> account = this.jdbc
			.sql("SELECT account_id FROM linked_identities WHERE provider_id = ? AND subject = ?")
			.params(providerId, subject)
			.query(Long.class)
			.optional();
		account.ifPresent((id) -> this.jdbc
			.sql("UPDATE linked_identities SET last_used_at = ? WHERE provider_id = ? AND subject = ?")
			.params(SqlValues.utc(now), providerId, subject)
			.update());
		return account;
	}

	/** The identities that sign in to an account, oldest first. */
	List<Linked> ofAccount(long accountId) {
		return this.jdbc.sql("""
				SELECT provider_id, subject, username, linked_at, last_used_at FROM linked_identities
				WHERE account_id = ? ORDER BY linked_at""")
			.param(accountId)
			.query((rs, row) -> new Linked(rs.getString("provider_id"), rs.getString("subject"), rs.getString("username"),
					SqlValues.instant(rs, "linked_at"), SqlValues.instant(rs, "last_used_at")))
			.list();
	}

	/** The account a provider's user is linked to, if any, without noting a use. */
	Optional<Long> linkedAccount(String providerId, String subject) {
		return this.jdbc.sql("SELECT account_id FROM linked_identities WHERE provider_id = ? AND subject = ?")
			.params(providerId, subject)
			.query(Long.class)
			.optional();
	}

	/** Unlinks the account's identity at a provider; false if there was none. */
	boolean unlink(String providerId, long accountId) {
		return this.jdbc.sql("DELETE FROM linked_identities WHERE provider_id = ? AND account_id = ?")
			.params(providerId, accountId)
			.update() > 0;
	}

	/**
	 * One linked identity.
	 *
	 * @param providerId the provider
	 * @param subject the user's subject there
	 * @param username the user's name there, when given
	 * @param linkedAt when it was linked
	 * @param lastUsedAt when it last signed in
	 */
	record Linked(String providerId, String subject, @Nullable String username, Instant linkedAt,
			@Nullable Instant lastUsedAt) {
	}

	/** Links a provider's user to an account. */
	void link(String providerId, String subject, long accountId, @Nullable String username, Instant now) {
		this.jdbc.sql("""
				INSERT INTO linked_identities (provider_id, subject, account_id, username, linked_at, last_used_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(providerId, subject, accountId, username, SqlValues.utc(now), SqlValues.utc(now))
			.update();
	}

}
