package dev.latchkey.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache in front of a real HTTP introspection endpoint.
 */
class CachingIntrospectorTests {

	private final TokenFormat format = TokenFormat.withDefaultPrefix();

	private final String token = this.format.generate(TokenKind.PERSONAL);

	private final TestClock clock = new TestClock();

	private FakeIntrospectionServer server;

	private CachingIntrospector cache;

	@BeforeEach
	void setUp() throws Exception {
		this.server = new FakeIntrospectionServer();
		this.cache = CachingIntrospector
			.wrapping(new IntrospectionClient(this.server.endpoint(), "rs", "secret", Duration.ofSeconds(5)))
			.ttl(Duration.ofSeconds(60))
			.negativeTtl(Duration.ofSeconds(10))
			.maximumSize(100)
			.clock(this.clock)
			.build();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void introspectWhenActiveThenAskedOncePerTtl() {
		this.server.answer(200, active(null));
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		assertThat(this.server.calls()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		assertThat(this.server.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenTokenExpiresBeforeTtlThenEntryEndsAtExp() {
		Instant exp = this.clock.instant().plusSeconds(5);
		this.server.answer(200, active(exp));
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		assertThat(this.server.calls()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		this.server.answer(200, "{\"active\":false}");
		assertThat(this.cache.introspect(this.token).active()).isFalse();
		assertThat(this.server.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenUnknownThenRememberedForTheNegativeTtlOnly() {
		this.server.answer(200, "{\"active\":false}");
		assertThat(this.cache.introspect(this.token).active()).isFalse();
		assertThat(this.cache.introspect(this.token).active()).isFalse();
		assertThat(this.server.calls()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(11));
		this.server.answer(200, active(null));
		assertThat(this.cache.introspect(this.token).active()).isTrue();
		assertThat(this.server.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenChecksumWrongThenNeverReachesTheNetwork() {
		String mistyped = this.token.substring(0, 39) + (this.token.endsWith("a") ? "b" : "a");
		assertThat(this.cache.introspect(mistyped)).isEqualTo(TokenInfo.INACTIVE);
		assertThat(this.cache.introspect("Bearer nonsense")).isEqualTo(TokenInfo.INACTIVE);
		assertThat(this.server.calls()).isZero();
	}

	@Test
	void introspectWhenManyAskForTheSameUncachedTokenThenOneCallServesThemAll() throws Exception {
		this.server.answer(200, active(null));
		this.server.hold();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<TokenInfo>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> this.cache.introspect(this.token)));
			}
			this.server.awaitFirstCall();
			this.server.release();
			for (Future<TokenInfo> answer : answers) {
				assertThat(answer.get().active()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.server.calls()).isEqualTo(1);
	}

	@Test
	void introspectWhenServerDownThenUnavailableAndNothingCached() {
		this.server.answer(503, "");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.cache.introspect(this.token));
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void cacheWhenManyTokensThenBounded() {
		this.server.answer(200, active(null));
		CachingIntrospector small = CachingIntrospector
			.wrapping(new IntrospectionClient(this.server.endpoint(), "rs", "secret", Duration.ofSeconds(5)))
			.maximumSize(10)
			.clock(this.clock)
			.build();
		for (int i = 0; i < 40; i++) {
			small.introspect(this.format.generate(TokenKind.PERSONAL));
		}
		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

	private static String active(Instant exp) {
		return "{\"active\":true,\"scope\":\"notes:read\",\"sub\":\"mona\",\"username\":\"mona\""
				+ ((exp != null) ? ",\"exp\":" + exp.getEpochSecond() : "") + "}";
	}

}
