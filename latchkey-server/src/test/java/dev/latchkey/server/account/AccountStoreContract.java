package dev.latchkey.server.account;

import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the account store promises, run against each real database.
 */
abstract class AccountStoreContract {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private AccountStore store;

	abstract DataSource dataSource();

	@BeforeEach
	void setUp() {
		JdbcClient jdbc = JdbcClient.create(dataSource());
		jdbc.sql("DELETE FROM personal_access_tokens").update();
		jdbc.sql("DELETE FROM accounts").update();
		this.store = new AccountStore(jdbc);
	}

	@Test
	void findByUsernameWhenOtherCaseThenFound() {
		Account created = this.store.create("Octo-Cat", "octo@example.com", "{noop}x", false, NOW);
		assertThat(this.store.findByUsername("octo-cat")).contains(created);
		assertThat(this.store.findByUsername("OCTO-CAT").orElseThrow().username()).isEqualTo("Octo-Cat");
		assertThat(this.store.findById(created.id())).contains(created);
	}

	@Test
	void createWhenUsernameTakenInOtherCaseThenDuplicateKey() {
		this.store.create("octocat", "a@example.com", "{noop}x", false, NOW);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.store.create("OctoCat", "b@example.com", "{noop}x", false, NOW));
	}

	@Test
	void createWhenEmailTakenInOtherCaseThenDuplicateKey() {
		this.store.create("one", "Same@Example.com", "{noop}x", false, NOW);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.store.create("two", "same@example.com", "{noop}x", false, NOW));
	}

	@Test
	void createWhenSeveralAdminsHaveNoEmailThenAllowed() {
		this.store.create("root", null, "{noop}x", true, NOW);
		this.store.create("root2", null, "{noop}x", true, NOW);
		assertThat(this.store.adminExists()).isTrue();
	}

	@Test
	void findCredentialsWhenKnownThenCarriesPasswordHash() {
		this.store.create("hashy", "h@example.com", "{bcrypt}$2a$10$abc", false, NOW);
		assertThat(this.store.findCredentials("HASHY").orElseThrow().passwordHash()).isEqualTo("{bcrypt}$2a$10$abc");
		assertThat(this.store.findCredentials("nobody")).isEmpty();
	}

}
