package dev.latchkey.server.check;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address budget of failed token checks, over real HTTP: one budget for every door
 * that checks a token with the caller's address (the API and the metrics). Each test starts
 * and ends in a fresh window, so no other test inherits the failures it makes from 127.0.0.1.
 */
@LatchkeyTest
class FailedTokenChecksTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MutableClock clock;

	@Autowired
	ThrottleProperties throttle;

	Http http;

	String good;

	@BeforeEach
	void setUp() {
		freshWindow();
		this.http = new Http(this.port);
		this.good = this.fixtures.token(this.fixtures.user(), "user").secret().reveal();
	}

	@AfterEach
	void freshWindow() {
		this.clock.advanceToNext(this.throttle.window());
	}

	@Test
	void apiWhenAddressUsedItsFailedChecksThenTooManyRequestsBeforeAnyLookupUntilTheWindowEnds() {
		long budget = this.throttle.failedTokenChecksPerAddress();
		for (int i = 0; i < budget; i++) {
			// Half made up with a good checksum (each a lookup), half malformed: both are failures.
			String presented = (i % 2 == 0) ? fabricated() : "lkp_not-a-token-" + i;
			assertThat(this.http.get("/api/v1/user", Http.bearer(presented)).status()).isEqualTo(401);
		}

		Response refused = this.http.get("/api/v1/user", Http.bearer(fabricated()));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("status").asInt()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 900L);
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.good)).status())
			.as("refused before the lookup that would tell a good token")
			.isEqualTo(429);

		this.clock.advance(this.throttle.window());
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.good)).status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(fabricated())).status()).isEqualTo(401);
	}

	@Test
	void apiWhenManyGoodTokenRequestsThenTheyDontCountAgainstTheBudget() {
		long budget = this.throttle.failedTokenChecksPerAddress();
		for (int i = 0; i < budget - 1; i++) {
			this.http.get("/api/v1/user", Http.bearer(fabricated()));
		}
		for (int i = 0; i < budget; i++) {
			assertThat(this.http.get("/api/v1/user", Http.bearer(this.good)).status()).isEqualTo(200);
		}
		assertThat(this.http.get("/api/v1/user").status()).as("no token is no failed check").isEqualTo(401);

		assertThat(this.http.get("/api/v1/user", Http.bearer(fabricated())).status()).as("the last failure allowed")
			.isEqualTo(401);
		assertThat(this.http.get("/api/v1/user", Http.bearer(fabricated())).status()).isEqualTo(429);
	}

	@Test
	void metricsWhenMadeUpTokensPresentedThenTheySpendTheSameBudgetAsTheApi() {
		long budget = this.throttle.failedTokenChecksPerAddress();
		for (int i = 0; i < budget; i++) {
			assertThat(this.http.get("/actuator/prometheus", Http.bearer(fabricated())).status()).isEqualTo(401);
		}

		Response metrics = this.http.get("/actuator/prometheus", Http.bearer(fabricated()));
		assertThat(metrics.status()).isEqualTo(429);
		assertThat(metrics.header("Retry-After")).isNotBlank();
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.good)).status()).as("one budget per address")
			.isEqualTo(429);
	}

	private static String fabricated() {
		return TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);
	}

}
