package dev.latchkey.server.account;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccountServiceTests {

	private static final String PASSWORD = "twelve chars!";

	private AccountService service;

	private JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		this.jdbc = JdbcClient.create(TestDatabases.h2());
		this.service = new AccountService(new AccountStore(this.jdbc),
				PasswordEncoderFactories.createDelegatingPasswordEncoder(), Clock.systemUTC());
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "octocat", "octo-cat", "a-b-c", "A1", "x23456789012345678901234567890123456789" })
	void signUpWhenUsernameFollowsGitHubRulesThenCreated(String username) {
		Account account = this.service.signUp(new SignupForm(username, username + "@example.com", PASSWORD));
		assertThat(account.username()).isEqualTo(username);
		assertThat(account.admin()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "-octo", "octo-", "oc--to", "oc_to", "oc.to", "ö", "x234567890123456789012345678901234567890" })
	void signUpWhenUsernameBreaksGitHubRulesThenRejected(String username) {
		assertProblem(new SignupForm(username, "someone@example.com", PASSWORD), "username");
	}

	@Test
	void signUpWhenUsernameTakenInOtherCaseThenRejected() {
		this.service.signUp(new SignupForm("Mona", "mona@example.com", PASSWORD));
		assertProblem(new SignupForm("mona", "other@example.com", PASSWORD), "username");
	}

	@Test
	void signUpWhenEmailInvalidOrTakenThenRejected() {
		assertProblem(new SignupForm("one", "not-an-email", PASSWORD), "email");
		this.service.signUp(new SignupForm("two", "two@example.com", PASSWORD));
		assertProblem(new SignupForm("three", "TWO@example.com", PASSWORD), "email");
	}

	@Test
	void signUpWhenPasswordShorterThanTwelveOrLongerThanBcryptReadsThenRejected() {
		assertProblem(new SignupForm("short", "s@example.com", "elevenchars"), "password");
		assertProblem(new SignupForm("long", "l@example.com", "x".repeat(73)), "password");
	}

	@Test
	void signUpWhenValidThenPasswordStoredWithDelegatingEncoderOnly() {
		Account account = this.service.signUp(new SignupForm("hashed", "h@example.com", PASSWORD));
		String stored = this.jdbc.sql("SELECT password_hash FROM accounts WHERE id = ?")
			.param(account.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{bcrypt}").doesNotContain(PASSWORD);
		assertThat(this.service.passwordMatches(account.id(), PASSWORD)).isTrue();
		assertThat(this.service.passwordMatches(account.id(), "wrong password")).isFalse();
	}

	private void assertProblem(SignupForm form, String field) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.service.signUp(form))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field).contains(field));
	}

}
