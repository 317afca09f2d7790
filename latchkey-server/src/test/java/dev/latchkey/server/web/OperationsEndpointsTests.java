package dev.latchkey.server.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, readiness and Prometheus metrics for operators, including the token checks.
 */
@LatchkeyTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Test
	void probesWhenUpThenHealthyAndReady() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusWhenTokensCheckedThenCountsLatencyAndCacheStats() {
		Http http = new Http(this.port);
		String token = this.fixtures.token(this.fixtures.user(), "user").secret().reveal();
		http.get("/api/v1/user", Http.bearer(token));
		http.get("/api/v1/user", Http.bearer(token));
		http.get("/api/v1/user", Http.bearer(token.substring(0, 39) + "0"));
		String metrics = http.get("/actuator/prometheus").body();
		assertThat(metrics).contains("latchkey_token_checks_seconds_count{application=\"latchkey\",outcome=\"valid\"}")
			.contains("latchkey_token_checks_seconds_count{application=\"latchkey\",outcome=\"invalid\"}")
			.contains("cache_gets_total{application=\"latchkey\",cache=\"latchkey.tokens\",result=\"hit\"}");
	}

}
