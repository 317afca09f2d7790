package dev.latchkey.server.resource;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.TestResourceServer.Answer;
import dev.latchkey.server.TestResourceServer.NotebookList;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;
import dev.latchkey.server.oauth.ServerCredentials;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fine-grained tokens over real HTTP, against a real HTTP notebook list: a token limited to
 * selected notebooks carries them everywhere the token is described, the selection is
 * checked against the user's own list, and a list that is down or broken makes no token.
 */
@LatchkeyTest
class FineGrainedTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	NotebookList notebooks;

	@Autowired
	TokenService tokens;

	@Autowired
	TokenAuthenticator authenticator;

	Http http;

	Account user;

	String manager;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.notebooks.forget();
		this.user = this.fixtures.user();
		this.notebooks.give(this.user.username(), new Resource("12", "Work"), new Resource("40", "Diary"));
		this.manager = this.fixtures.token(this.user, "user", "tokens:write", "notes:read").secret().reveal();
	}

	@AfterEach
	void listsAnswerAgain() {
		this.notebooks.forget();
	}

	@Test
	void createWhenNotebooksSelectedThenTokenAndSelfShowTheSelection() {
		Response created = create("""
				{"name": "work only", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12"]}}""");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("resources").get("notebook").values()).extracting((id) -> id.asString())
			.containsExactly("12");
		Response self = this.http.get("/api/v1/tokens/self", Http.bearer(created.json().get("token").asString()));
		assertThat(self.json().get("resources").get("notebook").get(0).asString()).isEqualTo("12");
		long id = created.json().get("id").asLong();
		assertThat(this.tokens.get(this.user.id(), id).resources().byType().get("notebook"))
			.containsExactly(new Resource("12", "Work"));
	}

	@Test
	void createWhenNoSelectionThenTokenIsNotLimited() {
		Response created = create("""
				{"name": "everything", "expires_in_days": 7, "scopes": ["notes:read"]}""");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().has("resources")).isFalse();
		assertThat(this.http.get("/api/v1/tokens/self", Http.bearer(created.json().get("token").asString())).json()
			.has("resources")).isFalse();
	}

	@Test
	void listIsCalledWithTheServersOwnClientCredentialsToken() {
		assertThat(this.notebooks.lastAuthorization()).isNull();
		Response created = create("""
				{"name": "work", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12"]}}""");

		assertThat(created.status()).isEqualTo(201);
		assertThat(this.notebooks.lastUser()).isEqualTo(this.user.username());
		String authorization = this.notebooks.lastAuthorization();
		assertThat(authorization).startsWith("Bearer lko_");
		TokenCheck check = this.authenticator.check(authorization.substring("Bearer ".length()), null);
		assertThat(check).isInstanceOf(TokenCheck.Valid.class);
		ActiveToken server = ((TokenCheck.Valid) check).token();
		assertThat(server.clientId()).isEqualTo(ServerCredentials.CLIENT_ID);
		assertThat(server.accountId()).isNull();
		assertThat(server.scopes()).isEmpty();
	}

	@Test
	void createWhenNotebookIsNotTheUsersThenRefusedAndNothingStored() {
		Response refused = create("""
				{"name": "sneaky", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12", "99"]}}""");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("not_found");
		assertThat(names()).doesNotContain("sneaky");
	}

	@Test
	void createWhenSelectionBreaksTheRulesThenEachGetsItsCode() {
		assertThat(code(create("""
				{"name": "a", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"folder": ["1"]}}"""))).isEqualTo("unknown");
		assertThat(code(create("""
				{"name": "b", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": []}}"""))).isEqualTo("missing");
		assertThat(code(create("""
				{"name": "c", "expires_in_days": 7, "scopes": ["user"], "resources": {"notebook": ["12"]}}"""))).isEqualTo("not_applicable");
		assertThat(names()).doesNotContain("a", "b", "c");
	}

	@Test
	void createWhenListAnswersErrorOrGarbageThen503AndNothingStored() {
		for (Answer broken : List.of(Answer.SERVER_ERROR, Answer.GARBAGE)) {
			this.notebooks.answerWith(broken);
			Response refused = create("""
					{"name": "during outage", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12"]}}""");

			assertThat(refused.status()).as(broken.name()).isEqualTo(503);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.json().get("detail").asString()).contains("notebooks", "No token was created");
			assertThat(names()).doesNotContain("during outage");
		}
	}

	@Test
	void tokenLimitedToNotebooksCreatesOnlyTokensWithinThem() {
		String limited = create("""
				{"name": "limited manager", "expires_in_days": 7, "scopes": ["tokens:write", "notes:read"], "resources": {"notebook": ["12"]}}""")
			.json()
			.get("token")
			.asString();

		Response wider = this.http.postJson("/api/v1/user/tokens", """
				{"name": "all notebooks", "expires_in_days": 7, "scopes": ["notes:read"]}""", Http.bearer(limited));
		Response other = this.http.postJson("/api/v1/user/tokens", """
				{"name": "the diary", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["40"]}}""", Http.bearer(limited));
		Response within = this.http.postJson("/api/v1/user/tokens", """
				{"name": "work again", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12"]}}""", Http.bearer(limited));

		assertThat(code(wider)).isEqualTo("exceeds_token");
		assertThat(code(other)).isEqualTo("exceeds_token");
		assertThat(within.status()).isEqualTo(201);
	}

	@Test
	void tokenLimitedToNotebooksSeesAndChangesOnlyTokensWithinThem() {
		String limited = create("""
				{"name": "limited manager", "expires_in_days": 7, "scopes": ["tokens:write", "notes:read"], "resources": {"notebook": ["12"]}}""")
			.json()
			.get("token")
			.asString();
		long work = create("""
				{"name": "work", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["12"]}}""").json().get("id").asLong();
		long diary = create("""
				{"name": "diary", "expires_in_days": 7, "scopes": ["notes:read"], "resources": {"notebook": ["40"]}}""").json().get("id").asLong();
		long everything = create("""
				{"name": "everything", "expires_in_days": 7, "scopes": ["notes:read"]}""").json().get("id").asLong();

		List<String> seen = new java.util.ArrayList<>();
		this.http.get("/api/v1/user/tokens", Http.bearer(limited)).json().forEach((token) -> seen.add(token.get("name").asString()));
		assertThat(seen).containsExactlyInAnyOrder("limited manager", "work");
		assertThat(this.http.get("/api/v1/user/tokens/" + work, Http.bearer(limited)).status()).isEqualTo(200);
		for (long beyond : List.of(diary, everything)) {
			assertThat(this.http.get("/api/v1/user/tokens/" + beyond, Http.bearer(limited)).status()).isEqualTo(404);
			assertThat(this.http.delete("/api/v1/user/tokens/" + beyond, Http.bearer(limited)).status()).isEqualTo(404);
		}
		assertThat(names()).contains("diary", "everything");
		assertThat(this.http.delete("/api/v1/user/tokens/" + work, Http.bearer(limited)).status()).isEqualTo(204);
		assertThat(names()).doesNotContain("work");
		// The same requests with a token limited to nothing see everything.
		assertThat(this.http.get("/api/v1/user/tokens/" + diary, Http.bearer(this.manager)).status()).isEqualTo(200);
	}

	@Test
	void tokenLimitedToNotebooksWhenATokenIsSanctionedForItsUserThenCantSeeAcceptOrDeclineIt() {
		Account owner = this.fixtures.user();
		String ownerManager = this.fixtures.token(owner, "tokens:write", "notes:read").secret().reveal();
		long held = this.http.postJson("/api/v1/user/tokens", """
				{"name": "for you", "scopes": ["notes:read"], "expires_in_days": 7, "sanction_for": "%s"}"""
			.formatted(this.user.username()), Http.bearer(ownerManager)).json().get("id").asLong();
		String limited = create("""
				{"name": "limited delegate", "expires_in_days": 7, "scopes": ["tokens:write", "notes:read"], "resources": {"notebook": ["12"]}}""")
			.json()
			.get("token")
			.asString();

		assertThat(this.http.get("/api/v1/user/sanctioned-tokens", Http.bearer(limited)).json().size()).isZero();
		Response accept = this.http.post("/api/v1/user/sanctioned-tokens/" + held + "/accept", "application/json", "",
				Http.bearer(limited));
		assertThat(accept.status()).isEqualTo(403);
		assertThat(accept.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(this.http.delete("/api/v1/user/sanctioned-tokens/" + held, Http.bearer(limited)).status())
			.isEqualTo(403);
		// The user's unlimited token still sees it, waiting.
		assertThat(this.http.get("/api/v1/user/sanctioned-tokens", Http.bearer(this.manager)).json().get(0).get("id")
			.asLong()).isEqualTo(held);
	}

	@Test
	void pickerWhenListIsDownThenSaysSoAndOffersAllOnly() {
		this.notebooks.answerWith(Answer.SERVER_ERROR);
		PageSession page = new PageSession(this.port);
		page.signIn(this.user.username(), TestFixtures.PASSWORD);

		String form = page.get("/settings/tokens/new").body();

		assertThat(form).contains("The list of your notebooks at 127.0.0.1 answered HTTP 500.",
				"You can still choose All notebooks");
		assertThat(form).containsPattern("id=\"notebook-access-selected\"[^>]*disabled");
	}

	private Response create(String json) {
		return this.http.postJson("/api/v1/user/tokens", json, Http.bearer(this.manager));
	}

	private static String code(Response response) {
		assertThat(response.status()).isEqualTo(422);
		return response.json().get("errors").get(0).get("code").asString();
	}

	private List<String> names() {
		return this.tokens.list(this.user.id()).stream().map((token) -> token.name()).toList();
	}

}
