package dev.latchkey.server.check;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latchkey.client.TokenKind;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

@LatchkeyTest
public class LastUsedRecorderTests {

	@Autowired
	TokenAuthenticator authenticator;

	@Autowired
	LastUsedRecorder recorder;

	@Autowired
	TokenService tokens;

	@Autowired
	PersonalAccessTokenStore store;

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

	@Test
	void recordLastUseWhenOlderUseOrDeletedTokenThenKeepsNewestAndSkipsDeleted() {
		newestUseStaysAndDeletedTokenIsSkipped(this.fixtures, this.store, this.tokens);
	}

	/**
	 * The first use inserts the narrow row, a later one updates it, an older one changes nothing,
	 * and a use of a token deleted meanwhile is passed over; also run on PostgreSQL.
	 */
	public static void newestUseStaysAndDeletedTokenIsSkipped(TestFixtures fixtures, PersonalAccessTokenStore store,
			TokenService tokens) {
		Account user = fixtures.user();
		IssuedToken token = fixtures.token(user, "user");
		IssuedToken deleted = fixtures.token(user, "user");
		tokens.revoke(user.id(), deleted.metadata().id());
		String id = String.valueOf(token.metadata().id());
		Instant noon = Instant.parse("2026-11-28T12:00:00Z");

		store.recordLastUse(List.of(use(id, noon, "10.0.0.1"), use(String.valueOf(deleted.metadata().id()), noon, "10.0.0.1")));
		assertThat(tokens.get(user.id(), token.metadata().id()).lastUsedAt()).isEqualTo(noon);

		store.recordLastUse(List.of(use(id, noon.plusSeconds(60), null)));
		store.recordLastUse(List.of(use(id, noon.plusSeconds(30), "10.0.0.3")));
		TokenMetadata read = tokens.get(user.id(), token.metadata().id());
		assertThat(read.lastUsedAt()).isEqualTo(noon.plusSeconds(60));
		assertThat(read.lastUsedIp()).isEqualTo("10.0.0.1"); // an introspection has no address and keeps the last one
	}

	private static LastUse use(String tokenId, Instant at, @Nullable String ip) {
		return new LastUse(TokenKind.PERSONAL, tokenId, at, ip);
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
