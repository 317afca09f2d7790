package dev.latchkey.benchmarks;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

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
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.latchkey.client.CachingIntrospector;
import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenInfo;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.servlet.LatchkeyAuthenticationFilter;

/**
 * What {@code latchkey-client}'s Servlet filter adds to a request whose token is in the
 * cache (bar: 5 µs): header parsing, checksum, SHA-256, cache hit, response headers. The
 * baseline builds the same request and response without the filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientFilterBenchmark {

	private static final FilterChain NOTHING = (request, response) -> {
	};

	private LatchkeyAuthenticationFilter filter;

	private String header;

	@Setup
	public void setUp() throws Exception {
		String token = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);
		TokenInfo info = new TokenInfo(true, Set.of("notes:read"), null, "mona", "mona", "Bearer",
				Instant.now().plusSeconds(86_400), Instant.now(), "personal");
		CachingIntrospector cache = CachingIntrospector.wrapping((t) -> info).build();
		this.filter = new LatchkeyAuthenticationFilter(cache, true);
		this.header = "Bearer " + token;
		withFilter();
	}

	@Benchmark
	public MockHttpServletResponse baseline() throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/notebooks");
		request.addHeader("Authorization", this.header);
		MockHttpServletResponse response = new MockHttpServletResponse();
		NOTHING.doFilter(request, response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse withFilter() throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/notebooks");
		request.addHeader("Authorization", this.header);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, NOTHING);
		return response;
	}

}
