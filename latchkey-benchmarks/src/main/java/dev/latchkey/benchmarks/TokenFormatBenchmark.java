package dev.latchkey.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;

/**
 * The offline format and checksum check every token gets before anything else (bar: 200 ns).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenFormatBenchmark {

	private final TokenFormat format = TokenFormat.withDefaultPrefix();

	private final String good = this.format.generate(TokenKind.PERSONAL);

	private final String mistyped = this.good.substring(0, 39) + (this.good.endsWith("a") ? "b" : "a");

	@Benchmark
	public Object parseGoodToken() {
		return this.format.parse(this.good);
	}

	@Benchmark
	public Object parseMistypedToken() {
		return this.format.parse(this.mistyped);
	}

}
