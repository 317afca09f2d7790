package dev.latchkey.server.closing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting an account on PostgreSQL: the cascades take its rows, the security log keeps its entries. */
class AccountDeletionPostgresTests extends PostgresTestBase {

	@Autowired
	AccountDeletion deletion;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AccountStore accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deleteWhenOnPostgresThenTokensGoAndTheLogStays() {
		Account user = this.fixtures.user();
		this.fixtures.token(user, "user");
		this.fixtures.token(user, "tokens:read");

		this.deletion.delete(user, user.username());

		assertThat(this.accounts.findById(user.id())).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE account_id = ?")
			.param(user.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), null, null, null, null, 20)))
			.extracting((event) -> event.action())
			.contains(SecurityAction.TOKEN_CREATED, SecurityAction.ACCOUNT_DELETED);
	}

}
