package dev.latchkey.server.federation;

import java.time.Instant;
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

	/** Links a provider's user to an account. */
	void link(String providerId, String subject, long accountId, @Nullable String username, Instant now) {
		this.jdbc.sql("""
				INSERT INTO linked_identities (provider_id, subject, account_id, username, linked_at, last_used_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(providerId, subject, accountId, username, SqlValues.utc(now), SqlValues.utc(now))
			.update();
	}

}
