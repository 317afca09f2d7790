package dev.latchkey.server.account;

import java.net.http.HttpResponse;
import java.time.Duration;

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
 * Password sign-in throttled per typed username and per address, over real HTTP. Every test
 * signs in from 127.0.0.1, so each test here starts and ends by moving the clock past the
 * window: no other test class inherits this one's failures, nor this one theirs.
 */
@LatchkeyTest
class SignInThrottleTests {

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

	PageSession page;

	@BeforeEach
	@AfterEach
	void freshWindow() {
		this.clock.advanceToNext(this.throttle.window());
		this.page = new PageSession(this.port);
	}

	@Test
	void signInWhenTenFailuresForOneUsernameThenEleventhIsTooManyAttemptsEvenWithTheRightPassword() {
		Account user = this.fixtures.user();
		for (int i = 0; i < 10; i++) {
			assertThat(location(this.page.signIn(user.username(), "wrong password " + i))).endsWith("/login?error");
		}

		HttpResponse<String> wrong = this.page.signIn(user.username(), "wrong password 10");
		assertThat(wrong.statusCode()).isEqualTo(429);
		assertThat(wrong.body()).contains("Too many attempts, try again in 15 minutes.");
		assertThat(Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
		// The filter answers before the form login: the right password is turned away too, so
		// nothing was checked (and no bcrypt spent) on either attempt.
		HttpResponse<String> right = this.page.signIn(user.username(), TestFixtures.PASSWORD);
		assertThat(right.statusCode()).isEqualTo(429);
		assertThat(this.page.get("/settings/tokens").statusCode()).as("not signed in").isEqualTo(302);
		assertThat(count("user.failed_sign_in", user.id())).as("refused attempts are not failed sign-ins").isEqualTo(10);
		assertThat(count("user.sign_in_throttled", user.id())).as("logged once per window").isEqualTo(1);
	}

	@Test
	void signInWhenUsernameUnknownThenThrottledExactlyLikeAKnownOne() {
		String unknown = "nobody-" + System.nanoTime();
		for (int i = 0; i < 10; i++) {
			assertThat(location(this.page.signIn(unknown, "guess " + i))).endsWith("/login?error");
		}

		HttpResponse<String> throttled = this.page.signIn(unknown, "guess 10");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.body()).contains("Too many attempts, try again in 15 minutes.");
		assertThat(this.page.signIn(unknown.toUpperCase(), "guess 11").statusCode())
			.as("usernames are matched ignoring case, and so counted")
			.isEqualTo(429);
		String stored = this.jdbc.sql("SELECT * FROM rate_limit_windows").query().listOfRows().toString()
				+ this.jdbc.sql("SELECT * FROM security_events").query().listOfRows().toString();
		assertThat(stored).doesNotContain(unknown);
	}

	@Test
	void signInWhenAddressFailedWithManyUsernamesThenEveryUsernameIsRefusedFromIt() {
		long perAddress = this.throttle.signInFailuresPerAddress();
		for (int i = 0; i < perAddress; i++) {
			assertThat(location(this.page.signIn("sprayed-" + i + "-" + System.nanoTime(), "Summer2025!")))
				.endsWith("/login?error");
		}
		Account user = this.fixtures.user();

		HttpResponse<String> refused = this.page.signIn(user.username(), TestFixtures.PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("Too many attempts");
		assertThat(count("user.sign_in_throttled", user.id())).isEqualTo(1);
	}

	@Test
	void signInWhenWindowHasPassedThenAllowedAgain() {
		Account user = this.fixtures.user();
		for (int i = 0; i < 10; i++) {
			this.page.signIn(user.username(), "wrong password " + i);
		}
		assertThat(this.page.signIn(user.username(), TestFixtures.PASSWORD).statusCode()).isEqualTo(429);

		this.clock.advance(this.throttle.window());

		assertThat(location(this.page.signIn(user.username(), TestFixtures.PASSWORD))).endsWith("/settings/tokens");
	}

	@Test
	void signInWhenFewerFailuresThanTheLimitThenTheRightPasswordStillSignsIn() {
		Account user = this.fixtures.user();
		for (int i = 0; i < 9; i++) {
			this.page.signIn(user.username(), "wrong password " + i);
		}
		assertThat(location(this.page.signIn(user.username(), TestFixtures.PASSWORD))).endsWith("/settings/tokens");
	}

	private long count(String action, long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM security_events WHERE action = ? AND account_id = ?")
			.params(action, accountId)
			.query(Long.class)
			.single();
	}

	private static String location(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("Expected a redirect but got " + response.statusCode()));
	}

}
