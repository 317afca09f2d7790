package dev.latchkey.server.account;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Confirm access" throttled per account and logged, over real HTTP. Each test starts and
 * ends in a fresh window, so no other test inherits its failures.
 */
@LatchkeyTest
class SudoThrottleTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MutableClock clock;

	@Autowired
	ThrottleProperties throttle;

	@Autowired
	JdbcClient jdbc;

	Account user;

	PageSession page;

	@BeforeEach
	void signIn() {
		this.clock.advanceToNext(this.throttle.window());
		this.user = this.fixtures.user();
		this.page = new PageSession(this.port);
		this.page.signIn(this.user.username(), TestFixtures.PASSWORD);
	}

	@AfterEach
	void freshWindow() {
		this.clock.advanceToNext(this.throttle.window());
	}

	@Test
	void confirmWhenTenWrongPasswordsThenEleventhIsTooManyAttemptsEvenWhenRight() {
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> wrong = confirm("wrong password " + i);
			assertThat(wrong.statusCode()).isEqualTo(200);
			assertThat(wrong.body()).contains("Incorrect password.");
		}

		HttpResponse<String> throttled = confirm(TestFixtures.PASSWORD);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.body()).contains("Too many attempts, try again in 15 minutes.");
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.headers().firstValue("Location")).as("sudo mode not granted").isEmpty();
		assertThat(confirm("wrong password 11").statusCode()).isEqualTo(429);

		assertThat(count("user.failed_sudo")).isEqualTo(10);
		assertThat(count("user.sudo_throttled")).as("logged once per window").isEqualTo(1);
		String stored = this.jdbc.sql("SELECT * FROM security_events WHERE account_id = ?")
			.param(this.user.id())
			.query()
			.listOfRows()
			.toString();
		assertThat(stored).doesNotContain("wrong password", TestFixtures.PASSWORD);
	}

	@Test
	void confirmWhenWindowHasPassedThenTheRightPasswordConfirms() {
		for (int i = 0; i < 10; i++) {
			confirm("wrong password " + i);
		}
		assertThat(confirm(TestFixtures.PASSWORD).statusCode()).isEqualTo(429);

		this.clock.advance(this.throttle.window());

		HttpResponse<String> confirmed = confirm(TestFixtures.PASSWORD);
		assertThat(confirmed.statusCode()).isEqualTo(302);
		assertThat(URI.create(confirmed.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/settings/tokens/new");
	}

	@Test
	void confirmWhenAnotherAccountIsThrottledThenThisOneIsNot() {
		for (int i = 0; i < 10; i++) {
			confirm("wrong password " + i);
		}
		Account other = this.fixtures.user();
		PageSession otherPage = new PageSession(this.port);
		otherPage.signIn(other.username(), TestFixtures.PASSWORD);

		HttpResponse<String> wrong = otherPage.submit("/sudo", "/sudo", "password=nope&continue=%2Fsettings%2Ftokens");
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("Incorrect password.");
	}

	private HttpResponse<String> confirm(String password) {
		return this.page.submit("/sudo", "/sudo",
				"password=" + PageSession.encode(password) + "&continue=%2Fsettings%2Ftokens%2Fnew");
	}

	private long count(String action) {
		return this.jdbc.sql("SELECT COUNT(*) FROM security_events WHERE action = ? AND account_id = ?")
			.params(action, this.user.id())
			.query(Long.class)
			.single();
	}

}
