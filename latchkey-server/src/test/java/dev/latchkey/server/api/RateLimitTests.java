package dev.latchkey.server.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.ratelimit.RateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub's rate-limit headers on every API response, and {@code 429} past the limit.
 */
@LatchkeyTest
class RateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	RateLimiter rateLimiter;

	@Test
	void responseWhenAuthenticatedThenCarriesRateLimitHeadersCountingDown() {
		Http http = new Http(this.port);
		String token = this.fixtures.token(this.fixtures.user(), "user").secret().reveal();
		Response first = http.get("/api/v1/user", Http.bearer(token));
		Response second = http.get("/api/v1/user", Http.bearer(token));
		assertThat(first.header("X-RateLimit-Limit")).isEqualTo("5000");
		assertThat(first.header("X-RateLimit-Used")).isEqualTo("1");
		assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("4999");
		assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("4998");
		assertThat(Long.parseLong(first.header("X-RateLimit-Reset")) % 3600).isZero();
		assertThat(first.header("X-RateLimit-Resource")).isEqualTo("core");
	}

	@Test
	void requestWhenTokensOwnLimitReachedThenTooManyRequestsWithRetryAfter() {
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		String manager = this.fixtures.token(user, "tokens:write", "user").secret().reveal();
		Response created = http.postJson("/api/v1/user/tokens",
				"{\"name\":\"tight\",\"scopes\":[\"user\"],\"expires_in_days\":1,\"rate_limit_per_hour\":3}",
				Http.bearer(manager));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("rate_limit_per_hour").asInt()).isEqualTo(3);
		String tight = created.json().get("token").asString();
		for (int i = 0; i < 3; i++) {
			assertThat(http.get("/api/v1/user", Http.bearer(tight)).status()).isEqualTo(200);
		}
		Response limited = http.get("/api/v1/user", Http.bearer(tight));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
		assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
		assertThat(limited.json().get("error").asString()).isEqualTo("rate_limited");
		assertThat(http.get("/api/v1/user", Http.bearer(manager)).status())
			.as("the owner's other tokens keep their allowance")
			.isEqualTo(200);
	}

	@Test
	void countsWhenSyncedThenSurviveAndAddUp() {
		Http http = new Http(this.port);
		String token = this.fixtures.token(this.fixtures.user(), "user").secret().reveal();
		http.get("/api/v1/user", Http.bearer(token));
		http.get("/api/v1/user", Http.bearer(token));
		this.rateLimiter.sync();
		Response third = http.get("/api/v1/user", Http.bearer(token));
		assertThat(third.header("X-RateLimit-Used")).isEqualTo("3");
	}

	@Test
	void createWhenOwnLimitOutOfRangeThenUnprocessable() {
		Http http = new Http(this.port);
		String manager = this.fixtures.token(this.fixtures.user(), "tokens:write").secret().reveal();
		Response response = http.postJson("/api/v1/user/tokens",
				"{\"name\":\"zero\",\"scopes\":[\"user\"],\"expires_in_days\":1,\"rate_limit_per_hour\":0}",
				Http.bearer(manager));
		assertThat(response.status()).isEqualTo(422);
	}

}
