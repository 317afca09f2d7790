package dev.latchkey.server.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security log over real HTTP: what is recorded for each credential event, what a user
 * and an admin can read, and that no secret is ever in it.
 */
@LatchkeyTest
class SecurityLogTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	Http http;

	Account user;

	String manager;

	String admin;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.manager = this.fixtures.token(this.user, "user", "tokens:write").secret().reveal();
		Account root = this.fixtures.admin();
		this.admin = this.fixtures.token(root, "admin").secret().reveal();
	}

	@Test
	void tokenLifecycleWhenThroughApiThenEachEventLoggedWithActorAddressAndClient() {
		Response created = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"deploy\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(this.manager));
		long id = created.json().get("id").asLong();
		String plain = created.json().get("token").asString();
		String regenerated = this.http.postJson("/api/v1/user/tokens/" + id + "/regenerate", "{\"expires_in_days\":7}",
				Http.bearer(this.manager)).json().get("token").asString();
		assertThat(this.http.delete("/api/v1/user/tokens/" + id, Http.bearer(this.manager)).status()).isEqualTo(204);

		List<JsonNode> events = events("user=" + this.user.username());
		assertThat(events).extracting((event) -> event.get("action").asString())
			.containsSubsequence("personal_access_token.revoked", "personal_access_token.regenerated",
					"personal_access_token.created");
		List<JsonNode> aboutToken = events.stream().filter((event) -> event.has("token_id")
				&& event.get("token_id").asLong() == id).toList();
		assertThat(aboutToken).hasSize(3).allSatisfy((event) -> {
			assertThat(event.get("actor").asString()).isEqualTo(this.user.username());
			assertThat(event.get("ip_address").asString()).isEqualTo("127.0.0.1");
			assertThat(event.get("user_agent").asString()).contains("Java-http-client");
			assertThat(event.get("details").get("name").asString()).isEqualTo("deploy");
		});
		assertThat(allStoredText()).doesNotContain(plain, regenerated, this.manager, plain.substring(4),
				regenerated.substring(4));
	}

	@Test
	void signInWhenWrongPasswordThenFailureLoggedForTheAccountAndUnknownNamesNotStored() {
		PageSession page = new PageSession(this.port);
		page.signIn(this.user.username(), "not the password");
		page.signIn("no-such-" + this.user.username(), TestFixtures.PASSWORD);
		page.signIn(this.user.username(), TestFixtures.PASSWORD);

		assertThat(events("user=" + this.user.username())).extracting((event) -> event.get("action").asString())
			.containsSubsequence("user.sign_in", "user.failed_sign_in");
		JsonNode unknown = events("action=user.failed_sign_in").get(0);
		assertThat(unknown.get("actor").asString()).isEqualTo("(unknown user)");
		assertThat(unknown.has("account_id")).isFalse();
		assertThat(allStoredText()).doesNotContain("no-such-" + this.user.username(), TestFixtures.PASSWORD);
	}

	@Test
	void ownLogWhenSignedInThenShowsOwnEventsOnly() {
		Account other = this.fixtures.user();
		this.fixtures.token(other, "user");
		this.fixtures.token(this.user, "user");
		PageSession page = new PageSession(this.port);
		page.signIn(this.user.username(), TestFixtures.PASSWORD);

		String log = page.get("/settings/security-log").body();
		assertThat(log).contains("Personal access token created").contains("personal_access_token.created")
			.contains("Signed in")
			.doesNotContain(other.username());
		String filtered = page.get("/settings/security-log?action=user.sign_in").body();
		assertThat(filtered).contains("user.sign_in").doesNotContain("personal_access_token.created</code>");
		assertThat(page.get("/settings/security-log?action=nonsense").body()).contains("There is no event named that.");
		assertThat(page.get("/admin/security-log").statusCode()).isEqualTo(403);
	}

	@Test
	void adminApiWhenPagedThenLinkHeaderLeadsToOlderEntries() {
		this.fixtures.token(this.user, "user");
		this.fixtures.token(this.user, "user");
		Response first = this.http.get("/api/v1/admin/security-events?per_page=1&user=" + this.user.username(),
				Http.bearer(this.admin));
		assertThat(first.status()).isEqualTo(200);
		String link = first.header("Link");
		assertThat(link).contains("rel=\"next\"").contains("before=" + first.json().get(0).get("id").asLong());
		String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
		Response second = this.http.get(next.substring(next.indexOf("/api/")), Http.bearer(this.admin));
		assertThat(second.json().get(0).get("id").asLong()).isLessThan(first.json().get(0).get("id").asLong());
	}

	@Test
	void adminApiWhenBadFilterOrNotAdminThenClearErrors() {
		Response unknownAction = this.http.get("/api/v1/admin/security-events?action=token.stolen",
				Http.bearer(this.admin));
		assertThat(unknownAction.status()).isEqualTo(422);
		assertThat(unknownAction.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.http.get("/api/v1/admin/security-events?user=nobody-" + System.nanoTime(),
				Http.bearer(this.admin)).status()).isEqualTo(422);
		assertThat(this.http.get("/api/v1/admin/security-events?since=yesterday", Http.bearer(this.admin)).status())
			.isEqualTo(422);
		Response notAdmin = this.http.get("/api/v1/admin/security-events", Http.bearer(this.manager));
		assertThat(notAdmin.status()).isEqualTo(403);
		assertThat(notAdmin.header("WWW-Authenticate")).contains("insufficient_scope");
	}

	@Test
	void csvExportWhenUserAgentLooksLikeAFormulaThenCellIsDefused() {
		this.http.get("/api/v1/user", "Authorization", "Bearer " + this.manager, "User-Agent", "=HYPERLINK(\"x\")");
		this.http.postJson("/api/v1/user/tokens", "{\"name\":\"csv\",\"scopes\":[\"user\"],\"expires_in_days\":1}",
				"Authorization", "Bearer " + this.manager, "User-Agent", "=HYPERLINK(\"x\")");

		Response csv = this.http.get("/api/v1/admin/security-events?user=" + this.user.username(), "Authorization",
				"Bearer " + this.admin, "Accept", "text/csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body()).startsWith("id,occurred_at,action,account_id,actor,ip_address,user_agent,token_id,details")
			.contains("personal_access_token.created")
			.contains("\"'=HYPERLINK(\"\"x\"\")\"")
			.doesNotContain(",=HYPERLINK");
	}

	@Test
	void purgeWhenOlderThanRetentionThenDeleted() {
		this.audit.record(SecurityAction.POLICY_CHANGED, this.user.id(), null, Map.of("marker", "old"),
				Origin.server());
		this.clock.advance(Duration.ofDays(181));
		this.audit.record(SecurityAction.POLICY_CHANGED, this.user.id(), null, Map.of("marker", "new"),
				Origin.server());

		assertThat(this.audit.purge()).isPositive();

		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.POLICY_CHANGED, null, null,
				null, 10)))
			.extracting((event) -> event.details().get("marker"))
			.containsExactly("new");
	}

	private List<JsonNode> events(String query) {
		Response response = this.http.get("/api/v1/admin/security-events?per_page=100&" + query,
				Http.bearer(this.admin));
		assertThat(response.status()).isEqualTo(200);
		return StreamSupport.stream(response.json().spliterator(), false).toList();
	}

	private String allStoredText() {
		return this.jdbc.sql("SELECT * FROM security_events").query().listOfRows().toString();
	}

}
