package dev.latchkey.server.federation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Linked identities, and accounts made through a provider, on PostgreSQL. */
class LinkedIdentitiesPostgresTests extends PostgresTestBase {

	@Autowired
	LinkedIdentities identities;

	@Autowired
	AccountService accounts;

	@Autowired
	AccountStore store;

	@Test
	void identityWhenLinkedThenFoundByItsSubjectListedAndUnlinkedOnPostgres() {
		Account made = this.accounts.createFromProvider("Ada Lovelace!", "ada-pg@example.com", true);
		assertThat(made.username()).isEqualTo("Ada-Lovelace");
		assertThat(this.store.passwordKnown(made.id())).as("a random password nobody knows").isFalse();
		assertThat(this.store.findById(made.id()).orElseThrow().emailVerified()).isTrue();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		this.identities.link("acme", "subject-1", made.id(), "ada", now);

		assertThat(this.identities.accountOf("acme", "subject-1", now)).contains(made.id());
		assertThat(this.identities.accountOf("other", "subject-1", now)).isEmpty();
		assertThat(this.identities.ofAccount(made.id())).singleElement()
			.satisfies((linked) -> assertThat(linked.username()).isEqualTo("ada"));
		assertThat(this.identities.unlink("acme", made.id())).isTrue();
		assertThat(this.identities.linkedAccount("acme", "subject-1")).isEmpty();
		assertThat(this.accounts.createFromProvider("Ada Lovelace!", "ada-pg@example.com", true).username())
			.as("a name taken gets a number, and an address taken isn't used again").isEqualTo("Ada-Lovelace-2");
	}

}
