package dev.latchkey.server.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.config.PeerNodes;
import dev.latchkey.server.policy.TokenPolicy;

/**
 * The server's token check on a cache hit, through the real {@link TokenAuthenticator}:
 * checksum, SHA-256, cache lookup, expiry, last-use note (bar: 2 µs). It lives in the
 * server's package to build the authenticator without Spring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheHitBenchmark {

	/** A policy with rules, so the check at use compares what it compares in the server. */
	private static final TokenPolicy POLICY = new TokenPolicy(90, true, List.of("user", "notes:read"), false, null);

	private TokenAuthenticator authenticator;

	private String token;

	@Setup
	public void setUp() {
		TokenFormat format = TokenFormat.withDefaultPrefix();
		this.token = format.generate(TokenKind.PERSONAL);
		String hash = TokenSecret.sha256Hex(this.token);
		ActiveToken active = new ActiveToken("1", 1L, "mona", false, Set.of("user"), Instant.now(),
				Instant.now().plus(Duration.ofDays(30)), hash, ActiveToken.Personal.PLAIN);
		ActiveTokenSource source = new ActiveTokenSource() {
			@Override
			public TokenKind kind() {
				return TokenKind.PERSONAL;
			}

			@Override
			public Optional<ActiveToken> findActiveByHash(String h) {
				return h.equals(hash) ? Optional.of(active) : Optional.empty();
			}

			@Override
			public void recordLastUse(List<LastUse> uses) {
			}
		};
		TokenProperties properties = new TokenProperties("lk", Duration.ofMinutes(5), 100_000, Duration.ofSeconds(30),
				10_000, Duration.ofSeconds(10), Duration.ofMinutes(1));
		Clock clock = Clock.systemUTC();
		TokenCache cache = new TokenCache(properties, PeerNodes.NONE);
		// A real registry, so the timers cost what they cost in the server.
		// After the first flush the address is known, as it is for a token in steady use.
		NewAddressWatch addresses = new NewAddressWatch((uses) -> {
		});
		this.authenticator = new TokenAuthenticator(format, List.of(source), cache,
				new LastUsedRecorder(List.of(source), properties, clock, TransactionOperations.withoutTransaction()), addresses, clock,
				new TokenCheckMetrics(new SimpleMeterRegistry(), cache), () -> POLICY,
				new FailedTokenChecks(100, Duration.ofMinutes(15), clock));
		this.authenticator.check(this.token, "127.0.0.1");
		addresses.flush();
	}

	@Benchmark
	public TokenCheck cacheHit() {
		return this.authenticator.check(this.token, "127.0.0.1");
	}

}
