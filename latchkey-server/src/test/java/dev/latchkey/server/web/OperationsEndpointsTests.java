package dev.latchkey.server.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, readiness and Prometheus metrics for operators, including the token checks. Probes
 * are open to load balancers; metrics need an admin's token with the {@code admin} scope or
 * the scrape token of {@code latchkey.metrics.scrape-token} (set in the test profile).
 */
@LatchkeyTest
class OperationsEndpointsTests {

	/** As application-test.yml sets it. */
	static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789abcdef";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Test
	void probesWhenUpThenHealthyAndReadyWithoutCredentials() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void infoWhenAskedWithoutCredentialsThenBuildOnly() {
		Response info = new Http(this.port).get("/actuator/info");

		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).doesNotContain("latchkey_").doesNotContain("jvm_");
	}

	@Test
	void prometheusWhenTokensCheckedThenCountsLatencyAndCacheStats() {
		Http http = new Http(this.port);
		String token = this.fixtures.token(this.fixtures.user(), "user").secret().reveal();
		http.get("/api/v1/user", Http.bearer(token));
		http.get("/api/v1/user", Http.bearer(token));
		http.get("/api/v1/user", Http.bearer(token.substring(0, 39) + "0"));
		Response metrics = http.get("/actuator/prometheus", Http.bearer(SCRAPE_TOKEN));
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("latchkey_token_checks_seconds_count{application=\"latchkey\",outcome=\"valid\"}")
			.contains("latchkey_token_checks_seconds_count{application=\"latchkey\",outcome=\"invalid\"}")
			.contains("cache_gets_total{application=\"latchkey\",cache=\"latchkey.tokens\",result=\"hit\"}")
			.contains("cache_size{application=\"latchkey\",cache=\"latchkey.tokens.unknown\"}");
	}

	@Test
	void prometheusWhenNoCredentialsThen401WithBearerChallengeAndNoMetrics() {
		Response response = new Http(this.port).get("/actuator/prometheus");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("latchkey_token_checks");
	}

	@Test
	void prometheusWhenWrongScrapeTokenThen401() {
		Http http = new Http(this.port);
		Response wrong = http.get("/actuator/prometheus", Http.bearer(SCRAPE_TOKEN + "x"));
		Response shorter = http.get("/actuator/prometheus", Http.bearer(SCRAPE_TOKEN.substring(1)));

		assertThat(wrong.status()).isEqualTo(401);
		assertThat(shorter.status()).isEqualTo(401);
		assertThat(wrong.body()).doesNotContain("latchkey_token_checks");
	}

	@Test
	void prometheusWhenScrapeTokenAsBasicPasswordThenMetrics() {
		Response response = new Http(this.port).get("/actuator/prometheus", Http.basic("prometheus", SCRAPE_TOKEN));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("latchkey_token_checks_seconds_count");
	}

	@Test
	void prometheusWhenAdminsTokenWithAdminScopeThenMetrics() {
		String token = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();

		Response response = new Http(this.port).get("/actuator/prometheus", Http.bearer(token));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("latchkey_token_checks_seconds_count");
	}

	@Test
	void prometheusWhenTokenWithoutAdminScopeThen403() {
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		String usersToken = this.fixtures.token(user, "user", "tokens:read").secret().reveal();
		String adminsUserToken = this.fixtures.token(this.fixtures.admin(), "user").secret().reveal();

		for (String token : new String[] { usersToken, adminsUserToken }) {
			Response response = http.get("/actuator/prometheus", Http.bearer(token));
			assertThat(response.status()).isEqualTo(403);
			assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope").contains("admin");
			assertThat(response.body()).doesNotContain("latchkey_token_checks");
		}
	}

	@Test
	void prometheusWhenUnknownLatchkeyTokenThen401() {
		Response response = new Http(this.port).get("/actuator/prometheus",
				Http.bearer("lkp_000000000000000000000000000000000000"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
	}

}
