package dev.latchkey.server.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.check.LastUsedRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoints over real HTTP: the whole lifecycle, the rule that a token never
 * hands on more than it has, and every kind of bad input.
 */
@LatchkeyTest
class UserTokensApiTests {

	private static final Pattern PERSONAL_TOKEN = Pattern.compile("^lkp_[0-9A-Za-z]{36}$");

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	TokenService tokens;

	@Autowired
	LastUsedRecorder lastUsed;

	@Autowired
	MutableClock clock;

	Http http;

	Account user;

	String manager;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.manager = this.fixtures.token(this.user, "user", "tokens:read", "tokens:write", "notes:read")
			.secret()
			.reveal();
	}

	@Test
	void createWhenValidThenCreatedWithPlainTokenOnce() {
		Response created = create("{\"name\":\"ci\",\"description\":\"for CI\",\"scopes\":[\"notes:read\"],"
				+ "\"expires_in_days\":7}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/user/tokens/" + created.json().get("id").asLong());
		String plain = created.json().get("token").asString();
		assertThat(plain).matches(PERSONAL_TOKEN);
		assertThat(created.json().get("token_hint").asString()).isEqualTo("lkp_…" + plain.substring(36));
		assertThat(created.json().get("scopes").get(0).asString()).isEqualTo("notes:read");
		Response fetched = this.http.get(created.header("Location"), Http.bearer(this.manager));
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).doesNotContain(plain).doesNotContain("\"token\"");
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(plain)).status()).isEqualTo(200);
	}

	@Test
	void createWhenBoundToAnApiThenOnlyThatApiAcceptsItAndAnUnknownApiIsRefused() {
		String latchkeyApi = "http://localhost:" + this.port + "/api";
		Response bound = create("{\"name\":\"for-latchkey\",\"scopes\":[\"user\"],\"expires_in_days\":7,"
				+ "\"audience\":[\"" + latchkeyApi + "\"]}");
		assertThat(bound.status()).isEqualTo(201);
		assertThat(bound.json().get("audience").get(0).asString()).isEqualTo(latchkeyApi);
		assertThat(this.http.get("/api/v1/user", Http.bearer(bound.json().get("token").asString())).status())
			.isEqualTo(200);

		Response unknown = create("{\"name\":\"elsewhere\",\"scopes\":[\"user\"],\"expires_in_days\":7,"
				+ "\"audience\":[\"https://unknown.example/api\"]}");
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.body()).contains("\"audience\"").contains("unknown");
	}

	@Test
	void createWhenTheAskingTokenIsBoundThenTheNewOneIsBoundToNoMore() {
		String latchkeyApi = "http://localhost:" + this.port + "/api";
		String boundManager = create("{\"name\":\"bound-manager\",\"scopes\":[\"user\",\"tokens:write\"],"
				+ "\"expires_in_days\":7,\"audience\":[\"" + latchkeyApi + "\"]}").json().get("token").asString();

		Response inherited = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"child\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(boundManager));

		assertThat(inherited.status()).isEqualTo(201);
		assertThat(inherited.json().get("audience").get(0).asString()).as("bound like the token that made it")
			.isEqualTo(latchkeyApi);
	}

	@Test
	void listWhenTokensReadThenShowsOwnTokensOnly() {
		IssuedToken reader = this.fixtures.token(this.user, "tokens:read");
		Account other = this.fixtures.user();
		this.fixtures.token(other, "user");
		Response list = this.http.get("/api/v1/user/tokens", Http.bearer(reader.secret().reveal()));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(2);
		assertThat(list.header("X-Accepted-OAuth-Scopes")).isEqualTo("tokens:read, tokens:write");
		assertThat(list.body()).doesNotContain(reader.secret().reveal());
	}

	@Test
	void createWhenOnlyTokensReadThenForbidden() {
		IssuedToken reader = this.fixtures.token(this.user, "tokens:read");
		Response response = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"x\",\"scopes\":[\"tokens:read\"],\"expires_in_days\":1}",
				Http.bearer(reader.secret().reveal()));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("X-Accepted-OAuth-Scopes")).isEqualTo("tokens:write");
		assertThat(this.tokens.list(this.user.id())).hasSize(2);
	}

	@Test
	void createWhenScopeBeyondPresentingTokenThenUnprocessable() {
		Response response = create("{\"name\":\"wider\",\"scopes\":[\"notes:write\"],\"expires_in_days\":7}");
		assertProblem(response, 422, "exceeds_token");
	}

	@Test
	void createWhenExpiryBeyondPresentingTokenThenUnprocessable() {
		assertProblem(create("{\"name\":\"longer\",\"scopes\":[\"user\"],\"expires_in_days\":31}"), 422,
				"exceeds_token");
		assertProblem(create("{\"name\":\"forever\",\"scopes\":[\"user\"]}"), 422, "exceeds_token");
	}

	@Test
	void createWhenTokenNeverExpiresThenMayCreateTokenThatNeverExpires() {
		String forever = this.fixtures.token(this.user, new Expiration.Never(), "tokens:write").secret().reveal();
		Response response = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"forever\",\"scopes\":[\"tokens:write\"],\"expires_at\":null}", Http.bearer(forever));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("expires_at").isNull()).isTrue();
	}

	@Test
	void createWhenExpiresAtDateTimeOrDateThenUsed() {
		Instant at = this.clock.instant().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Response exact = create("{\"name\":\"exact\",\"scopes\":[\"user\"],\"expires_at\":\"" + at + "\"}");
		assertThat(exact.status()).isEqualTo(201);
		assertThat(Instant.parse(exact.json().get("expires_at").asString())).isEqualTo(at);
		LocalDate day = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(2);
		Response date = create("{\"name\":\"date\",\"scopes\":[\"user\"],\"expires_at\":\"" + day + "\"}");
		assertThat(date.status()).isEqualTo(201);
		assertThat(Instant.parse(date.json().get("expires_at").asString()))
			.isEqualTo(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	@Test
	void createWhenBadInputThenUnprocessableAndNothingWritten() {
		int before = this.tokens.list(this.user.id()).size();
		assertProblem(create("{\"name\":\"" + "n".repeat(101) + "\",\"scopes\":[\"user\"],\"expires_in_days\":1}"), 422,
				"too_long");
		assertProblem(create("{\"name\":\"  \",\"scopes\":[\"user\"],\"expires_in_days\":1}"), 422, "missing");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[],\"expires_in_days\":1}"), 422, "missing");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[\"nope\"],\"expires_in_days\":1}"), 422, "unknown");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[\"user\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}"), 422,
				"in_past");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[\"user\"],\"expires_in_days\":0}"), 422, "out_of_range");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[\"user\"],\"expires_at\":\"soon\"}"), 422, "invalid");
		assertProblem(create("{\"name\":\"a\",\"scopes\":[\"user\"],\"expires_at\":\"2030-01-01\","
				+ "\"expires_in_days\":3}"), 422, "conflict");
		assertThat(this.tokens.list(this.user.id())).hasSize(before);
	}

	@Test
	void createWhenAdminScopeThenOnlyAdminsMayGrantIt() {
		String all = this.fixtures.token(this.user, "tokens:write", "user")
			.secret()
			.reveal();
		Response response = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"adm\",\"scopes\":[\"admin\"],\"expires_in_days\":1}", Http.bearer(all));
		assertProblem(response, 422, "not_grantable");

		Account root = this.fixtures.admin();
		String rootToken = this.fixtures.token(root, "tokens:write", "admin").secret().reveal();
		Response granted = this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"adm-" + System.nanoTime() + "\",\"scopes\":[\"admin\"],\"expires_in_days\":1}",
				Http.bearer(rootToken));
		assertThat(granted.status()).isEqualTo(201);
	}

	@Test
	void createWhenDuplicateNameThenUnprocessableAndNothingWritten() {
		assertThat(create("{\"name\":\"twice\",\"scopes\":[\"user\"],\"expires_in_days\":1}").status())
			.isEqualTo(201);
		int before = this.tokens.list(this.user.id()).size();
		assertProblem(create("{\"name\":\"twice\",\"scopes\":[\"user\"],\"expires_in_days\":1}"), 422,
				"already_exists");
		assertThat(this.tokens.list(this.user.id())).hasSize(before);
	}

	@Test
	void createWhenMalformedJsonThenBadRequestProblem() {
		Response response = create("{\"name\":");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception");
	}

	@Test
	void createWhenWrongContentTypeThenUnsupportedMediaTypeProblem() {
		Response response = this.http.post("/api/v1/user/tokens", "text/plain", "name=x", Http.bearer(this.manager));
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void revokeWhenOwnTokenThenGoneAndStopsWorking() {
		IssuedToken victim = this.fixtures.token(this.user, "user");
		String path = "/api/v1/user/tokens/" + victim.metadata().id();
		assertThat(this.http.delete(path, Http.bearer(this.manager)).status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/user", Http.bearer(victim.secret().reveal())).status()).isEqualTo(401);
		assertThat(this.http.get(path, Http.bearer(this.manager)).status()).isEqualTo(404);
		assertThat(this.http.delete(path, Http.bearer(this.manager)).status()).isEqualTo(404);
	}

	@Test
	void revokeWhenSomeoneElsesTokenThenNotFound() {
		IssuedToken theirs = this.fixtures.token(this.fixtures.user(), "user");
		String path = "/api/v1/user/tokens/" + theirs.metadata().id();
		assertProblem(this.http.delete(path, Http.bearer(this.manager)), 404, null);
		assertThat(this.http.get("/api/v1/user", Http.bearer(theirs.secret().reveal())).status()).isEqualTo(200);
	}

	@Test
	void regenerateWhenOwnTokenThenOldSecretDiesAndNewOneWorks() {
		IssuedToken old = this.fixtures.token(this.user, "user");
		Response response = this.http.postJson("/api/v1/user/tokens/" + old.metadata().id() + "/regenerate",
				"{\"expires_in_days\":7}", Http.bearer(this.manager));
		assertThat(response.status()).isEqualTo(200);
		String fresh = response.json().get("token").asString();
		assertThat(fresh).matches(PERSONAL_TOKEN).isNotEqualTo(old.secret().reveal());
		assertThat(response.json().get("name").asString()).isEqualTo(old.metadata().name());
		assertThat(this.http.get("/api/v1/user", Http.bearer(old.secret().reveal())).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/user", Http.bearer(fresh)).status()).isEqualTo(200);
	}

	@Test
	void regenerateWhenTargetHasScopesThePresenterLacksThenUnprocessable() {
		IssuedToken wider = this.fixtures.token(this.user, "notes:write");
		Response response = this.http.postJson("/api/v1/user/tokens/" + wider.metadata().id() + "/regenerate",
				"{\"expires_in_days\":7}", Http.bearer(this.manager));
		assertProblem(response, 422, "exceeds_token");
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(wider.secret().reveal())).status())
			.isEqualTo(200);
	}

	@Test
	void selfWhenRotatedThenOldSecretDiesAndSettingsStay() {
		IssuedToken self = this.fixtures.token(this.user, "notes:read");
		Response before = this.http.get("/api/v1/tokens/self", Http.bearer(self.secret().reveal()));
		assertThat(before.status()).isEqualTo(200);
		assertThat(before.json().get("id").asLong()).isEqualTo(self.metadata().id());
		Response rotated = this.http.postJson("/api/v1/tokens/self/rotate", "", Http.bearer(self.secret().reveal()));
		assertThat(rotated.status()).isEqualTo(200);
		String fresh = rotated.json().get("token").asString();
		assertThat(rotated.json().get("expires_at").asString()).isEqualTo(before.json().get("expires_at").asString());
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(self.secret().reveal())).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(fresh)).status()).isEqualTo(200);
	}

	@Test
	void selfWhenDeletedThenTokenStopsWorking() {
		IssuedToken self = this.fixtures.token(this.user, "notes:read");
		assertThat(this.http.delete("/api/v1/tokens/self", Http.bearer(self.secret().reveal())).status())
			.isEqualTo(204);
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(self.secret().reveal())).status()).isEqualTo(401);
	}

	@Test
	void getWhenTokenUsedThenShowsLastUsedTimeAndAddress() {
		IssuedToken used = this.fixtures.token(this.user, "user");
		String path = "/api/v1/user/tokens/" + used.metadata().id();
		assertThat(this.http.get(path, Http.bearer(this.manager)).json().get("last_used_at").isNull()).isTrue();
		this.http.get("/api/v1/user", Http.bearer(used.secret().reveal()));
		this.lastUsed.flush();
		Response after = this.http.get(path, Http.bearer(this.manager));
		assertThat(Instant.parse(after.json().get("last_used_at").asString())).isEqualTo(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(after.json().get("last_used_ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	private Response create(String json) {
		return this.http.postJson("/api/v1/user/tokens", json, Http.bearer(this.manager));
	}

	private static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		if (code != null) {
			assertThat(response.json().get("errors").findValuesAsString("code")).contains(code);
		}
	}

}
