package dev.latchkey.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are bounded before anything parses them, over real HTTP: 1 MB in general,
 * 64 KB for the leak report endpoint, which needs no token; with a {@code Content-Length} or
 * chunked; JSON or forms.
 */
@LatchkeyTest
class BodyLimitTests {

	private static final String LEAK_REPORTS = "/api/v1/credentials/revoke";

	private static final long MB = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	TestFixtures fixtures;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void leakReportWhen20MegabytesDeclaredThen413ProblemCountedAgainstAddressAndBodyLeftUnread() throws Exception {
		// A fresh hour, so that other tests' reports from this address don't count.
		this.clock.advance(Duration.ofHours(1));
		try {
			Body huge = new Body("{\"credentials\": [\"", 20 * MB, "\"]}");
			HttpResponse<String> refused = send(LEAK_REPORTS, "application/json", huge, true);

			assertThat(refused.statusCode()).isEqualTo(413);
			assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
			assertThat(refused.body()).contains("\"status\":413").contains("65536 bytes");
			assertThat(refused.headers().firstValue("X-RateLimit-Used")).as("counted before the body was looked at")
				.hasValue("1");
			assertThat(huge.sent()).as("the server stopped the upload long before its end").isLessThan(huge.length());

			Http.Response next = new Http(this.port).postJson(LEAK_REPORTS, "{\"credentials\": [\"x\"]}");
			assertThat(next.status()).isEqualTo(202);
			assertThat(next.header("X-RateLimit-Used")).as("the refused report counted as one").isEqualTo("2");
		}
		finally {
			this.clock.advance(Duration.ofHours(1));
		}
	}

	@Test
	void leakReportWhenChunkedBodyPastLimitThen413Problem() throws Exception {
		HttpResponse<String> refused = send(LEAK_REPORTS, "application/json",
				new Body("{\"credentials\": [\"", 200 * 1024, "\"]}"), false);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("65536 bytes");
	}

	@Test
	void leakReportWhenUnderLimitThenAcceptedDeclaredOrChunked() throws Exception {
		Body declared = new Body("{\"credentials\": [\"", 60 * 1024, "\"]}");
		Body chunked = new Body("{\"credentials\": [\"", 60 * 1024, "\"]}");

		assertThat(send(LEAK_REPORTS, "application/json", declared, true).statusCode()).isEqualTo(202);
		assertThat(send(LEAK_REPORTS, "application/json", chunked, false).statusCode()).isEqualTo(202);
	}

	@Test
	void apiWhenDeclaredJsonPastGeneralLimitThen413BeforeAuthentication() throws Exception {
		HttpResponse<String> refused = send("/api/v1/user/tokens", "application/json",
				new Body("{\"name\": \"", 2 * MB, "\"}"), true);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("1048576 bytes");
	}

	@Test
	void apiWhenChunkedJsonPastGeneralLimitThen413WhileRead() throws Exception {
		String token = this.fixtures.token(this.fixtures.user(), "tokens:write").secret().reveal();
		Body body = new Body("{\"name\": \"", 2 * MB, "\"}");

		HttpResponse<String> refused = send("/api/v1/user/tokens", "application/json", body, false,
				Http.bearer(token));

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("1048576 bytes");
	}

	@Test
	void formWhenPastGeneralLimitThen413DeclaredOrChunked() throws Exception {
		for (boolean declareLength : new boolean[] { true, false }) {
			HttpResponse<String> refused = send("/login", "application/x-www-form-urlencoded",
					new Body("username=someone&password=", 3 * MB, ""), declareLength);

			assertThat(refused.statusCode()).as("Content-Length declared: %s", declareLength).isEqualTo(413);
			assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		}
	}

	@Test
	void formWhenUnderLimitThenHandledAsUsual() {
		PageSession page = new PageSession(this.port);
		HttpResponse<String> signIn = page.submit("/login", "/login",
				"username=nobody&password=" + "x".repeat(512 * 1024));

		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	private HttpResponse<String> send(String path, String contentType, Body body, boolean declareLength,
			String... headers) throws IOException, InterruptedException {
		HttpRequest.BodyPublisher chunks = HttpRequest.BodyPublishers.ofInputStream(body::stream);
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		HttpRequest request = builder.header("Content-Type", contentType)
			.POST(declareLength ? HttpRequest.BodyPublishers.fromPublisher(chunks, body.length()) : chunks)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A large body made as it is sent, which counts how much of it the client got to send. */
	private static final class Body {

		private final byte[] head;

		private final long fill;

		private final byte[] tail;

		private final AtomicLong sent = new AtomicLong();

		Body(String head, long fill, String tail) {
			this.head = head.getBytes(StandardCharsets.US_ASCII);
			this.fill = fill;
			this.tail = tail.getBytes(StandardCharsets.US_ASCII);
		}

		long length() {
			return this.head.length + this.fill + this.tail.length;
		}

		long sent() {
			return this.sent.get();
		}

		InputStream stream() {
			return new InputStream() {

				private long position;

				@Override
				public int read() {
					if (this.position >= length()) {
						return -1;
					}
					long at = this.position++;
					Body.this.sent.incrementAndGet();
					if (at < Body.this.head.length) {
						return Body.this.head[(int) at];
					}
					if (at < Body.this.head.length + Body.this.fill) {
						return 'x';
					}
					return Body.this.tail[(int) (at - Body.this.head.length - Body.this.fill)];
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					int n = 0;
					while (n < length) {
						int b = read();
						if (b < 0) {
							break;
						}
						buffer[offset + n++] = (byte) b;
					}
					return (n == 0 && length > 0) ? -1 : n;
				}

			};
		}

	}

}
