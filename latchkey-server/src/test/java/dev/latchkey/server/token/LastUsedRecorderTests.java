package dev.latchkey.server.token;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

@LatchkeyTest
class LastUsedRecorderTests {

	@Autowired
	TokenAuthenticator authenticator;

	@Autowired
	LastUsedRecorder recorder;

	@Autowired
	TokenService tokens;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MutableClock clock;

	@Test
	void flushWhenUsedAgainWithinWriteIntervalThenWaitsAndThenWritesNewestUse() {
		Account user = this.fixtures.user();
		IssuedToken token = this.fixtures.token(user, "user");
		Instant first = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		check(token, "10.0.0.1");
		check(token, "10.0.0.2");
		this.recorder.flush();
		assertLastUse(user, token, first, "10.0.0.2");

		this.clock.advance(Duration.ofSeconds(10));
		Instant second = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		check(token, "10.0.0.3");
		this.recorder.flush();
		assertLastUse(user, token, first, "10.0.0.2");

		this.clock.advance(Duration.ofSeconds(60));
		this.recorder.flush();
		assertLastUse(user, token, second, "10.0.0.3");
	}

	private void check(IssuedToken token, String ip) {
		assertThat(this.authenticator.check(token.secret().reveal(), ip)).isInstanceOf(TokenCheck.Valid.class);
	}

	private void assertLastUse(Account user, IssuedToken token, Instant at, String ip) {
		TokenMetadata read = this.tokens.get(user.id(), token.metadata().id());
		assertThat(read.lastUsedAt()).isEqualTo(at);
		assertThat(read.lastUsedIp()).isEqualTo(ip);
	}

}
