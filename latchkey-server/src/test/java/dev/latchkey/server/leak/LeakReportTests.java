package dev.latchkey.server.leak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/credentials/revoke} over real HTTP, with mail through a real SMTP server.
 */
@LatchkeyTest
class LeakReportTests {

	private static final String PATH = "/api/v1/credentials/revoke";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MutableClock clock;

	Http http;

	Account owner;

	IssuedToken leaked;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.owner = this.fixtures.user();
		this.leaked = this.fixtures.token(this.owner, "user");
	}

	@Test
	void reportWhenPersonalTokenListedThenRevokedOwnerMailedAndLogged() throws Exception {
		String plain = this.leaked.secret().reveal();
		assertThat(this.http.get("/api/v1/user", Http.bearer(plain)).status()).isEqualTo(200);

		Response report = report("[\"not a token\", \"" + plain + "\", \"lkp_000000000000000000000000000000000000\"]");

		assertThat(report.status()).isEqualTo(202);
		assertThat(report.body()).isEmpty();
		assertThat(this.http.get("/api/v1/user", Http.bearer(plain)).status()).isEqualTo(401);
		MimeMessage message = this.mail.deliveredTo(this.owner.email());
		assertThat(message.getSubject()).contains(this.leaked.metadata().name()).contains("revoked");
		String body = MailTestSupport.text(message);
		assertThat(body).contains(this.leaked.metadata().redacted())
			.contains("/settings/tokens/new")
			.doesNotContain(plain);
		assertThat(this.audit.find(new SecurityEventQuery(this.owner.id(), SecurityAction.TOKEN_REPORTED_LEAKED, null,
				null, null, 10)))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.tokenId()).isEqualTo(this.leaked.metadata().id());
				assertThat(event.ipAddress()).isEqualTo("127.0.0.1");
				assertThat(event.actor()).isEqualTo("anonymous");
			});
	}

	@Test
	void reportWhenNothingMatchesThenSameAnswerAsWhenSomethingDid() {
		Response unknown = report("[\"lkp_000000000000000000000000000000000000\"]");
		Response known = report("[\"" + this.leaked.secret().reveal() + "\"]");
		Response again = report("[\"" + this.leaked.secret().reveal() + "\"]");

		assertThat(List.of(unknown, known, again)).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(202);
			assertThat(response.body()).isEmpty();
		});
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.leaked.secret().reveal())).status())
			.as("the known one was revoked, yet answered alike").isEqualTo(401);
	}

	@Test
	void reportWhenMalformedThenClearProblemAndNothingRevoked() {
		String plain = this.leaked.secret().reveal();
		assertThat(this.http.post(PATH, "application/json", "{\"credentials\": [\"" + plain).status())
			.isEqualTo(400);
		assertThat(this.http.postJson(PATH, "{\"credentials\": \"" + plain + "\"}").status()).isEqualTo(400);
		assertThat(this.http.postJson(PATH, "{}").status()).isEqualTo(422);
		assertThat(this.http.postJson(PATH, "{\"credentials\": []}").status()).isEqualTo(422);
		List<String> tooMany = new ArrayList<>(Collections.nCopies(1000, "x"));
		tooMany.add(plain);
		Response overLimit = this.http.postJson(PATH, "{\"credentials\": [\"" + String.join("\",\"", tooMany) + "\"]}");
		assertThat(overLimit.status()).isEqualTo(422);
		assertThat(overLimit.header("Content-Type")).startsWith("application/problem+json");
		assertThat(overLimit.body()).contains("at most 1000");

		assertThat(this.http.get("/api/v1/user", Http.bearer(plain)).status()).isEqualTo(200);
	}

	@Test
	void reportWhenTooManyFromOneAddressThen429WithRetryAfter() {
		// A fresh hour, so that other tests' reports from this address don't count.
		this.clock.advance(Duration.ofHours(1));
		for (int i = 0; i < 60; i++) {
			assertThat(report("[\"x\"]").status()).as("report %d of 60", i + 1).isEqualTo(202);
		}
		Response last = report("[\"x\"]");
		try {
			assertThat(last.status()).isEqualTo(429);
			assertThat(last.header("Retry-After")).isNotBlank();
			assertThat(last.header("X-RateLimit-Limit")).isEqualTo("60");
			assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
		}
		finally {
			// The next hour's window, so that other tests may report again.
			this.clock.advance(Duration.ofHours(1));
		}
	}

	private Response report(String credentials) {
		return this.http.postJson(PATH, "{\"credentials\": " + credentials + "}");
	}

}
