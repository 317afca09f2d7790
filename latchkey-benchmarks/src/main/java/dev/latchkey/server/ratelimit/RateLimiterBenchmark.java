package dev.latchkey.server.ratelimit;

import java.io.IOException;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the rate limiter adds to every API request: counting the request in memory and, with
 * {@link #countAndSetHeaders}, the five {@code X-RateLimit-*} headers. Both threads count for
 * the same user, as a busy user's requests do. The database is only touched by the scheduled
 * sync, so the limiter is built here without one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class RateLimiterBenchmark {

	private RateLimiter limiter;

	@Setup
	public void setUp() {
		this.limiter = new RateLimiter(null, null, null, Clock.systemUTC(), new SimpleMeterRegistry());
	}

	@Benchmark
	public RateLimitDecision count() {
		return this.limiter.consume("user:1", Long.MAX_VALUE);
	}

	@Benchmark
	public boolean countAndSetHeaders(Response response) throws IOException {
		return RateLimitHeaders.apply(this.limiter.consume("user:1", Long.MAX_VALUE), response.response, "core");
	}

	/** Each thread's own response, reused: setting a header replaces its value. */
	@State(Scope.Thread)
	public static class Response {

		final MockHttpServletResponse response = new MockHttpServletResponse();

	}

}
