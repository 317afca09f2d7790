package dev.latchkey.server.admin;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins over real HTTP: suspending a user stops their tokens, sessions and sign-in at once
 * and lifting it brings the tokens back; admins revoke tokens; nobody else can.
 */
@LatchkeyTest
class AdminTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	TokenService tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TokenCache cache;

	Http http;

	Account user;

	String userToken;

	String admin;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.userToken = this.fixtures.token(this.user, "user").secret().reveal();
		Account root = this.fixtures.admin();
		this.admin = this.fixtures.token(root, "admin", "user").secret().reveal();
	}

	@Test
	void suspendWhenAdminThenTokensSessionsAndSignInStopAndLiftingRestoresTokens() {
		PageSession browser = new PageSession(this.port);
		browser.signIn(this.user.username(), TestFixtures.PASSWORD);
		assertThat(browser.get("/settings/tokens").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(200);

		assertThat(this.http.put("/api/v1/admin/users/" + this.user.username() + "/suspended", Http.bearer(this.admin))
			.status()).isEqualTo(204);

		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(401);
		assertThat(browser.get("/settings/tokens").statusCode()).isEqualTo(302);
		assertThat(new PageSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD)
			.headers()
			.firstValue("Location")
			.orElseThrow()).endsWith("/login?error");
		Response shown = this.http.get("/api/v1/admin/users/" + this.user.username(), Http.bearer(this.admin));
		assertThat(shown.json().get("suspended_at").asString()).isNotBlank();

		assertThat(this.http.delete("/api/v1/admin/users/" + this.user.username() + "/suspended",
				Http.bearer(this.admin)).status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(200);
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), null, "root", null, null, 10)))
			.extracting((event) -> event.action())
			.containsExactly(SecurityAction.USER_UNSUSPENDED, SecurityAction.USER_SUSPENDED);
	}

	@Test
	void leakReportWhileSuspendedThenTokenStaysDeadAfterTheSuspensionIsLifted() {
		String user = "/api/v1/admin/users/" + this.user.username() + "/suspended";
		assertThat(this.http.put(user, Http.bearer(this.admin)).status()).isEqualTo(204);
		assertThat(this.http.postJson("/api/v1/credentials/revoke", "{\"credentials\": [\"" + this.userToken + "\"]}")
			.status()).isEqualTo(202);
		assertThat(this.http.delete(user, Http.bearer(this.admin)).status()).isEqualTo(204);

		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(401);
	}

	@Test
	void suspendWhenYourselfOrUnknownOrNotAdminThenRefused() {
		assertThat(this.http.put("/api/v1/admin/users/root/suspended", Http.bearer(this.admin)).status())
			.isEqualTo(422);
		Response unknown = this.http.put("/api/v1/admin/users/nobody-" + System.nanoTime() + "/suspended",
				Http.bearer(this.admin));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.http.put("/api/v1/admin/users/root/suspended", Http.bearer(this.userToken)).status())
			.isEqualTo(403);
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.admin)).status()).isEqualTo(200);
	}

	@Test
	void revokeWhenAdminThenTokenDiesAndLogNamesTheAdmin() {
		Response tokens = this.http.get("/api/v1/admin/users/" + this.user.username() + "/tokens",
				Http.bearer(this.admin));
		long id = tokens.json().get(0).get("id").asLong();
		assertThat(tokens.body()).doesNotContain(this.userToken);

		assertThat(this.http.delete("/api/v1/admin/users/" + this.user.username() + "/tokens/" + id,
				Http.bearer(this.admin)).status()).isEqualTo(204);

		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(401);
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.TOKEN_REVOKED, null, null,
				null, 10)))
			.singleElement()
			.satisfies((event) -> assertThat(event.actor()).isEqualTo("root"));
	}

	@Test
	void adminRoleWhenGivenAndTakenOnThePageThenTheirSessionsEndAndTheirTokenFollows() {
		Account promoted = this.fixtures.user();
		PageSession theirs = new PageSession(this.port);
		theirs.signIn(promoted.username(), TestFixtures.PASSWORD);
		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");
		String page = "/admin/users/" + promoted.username();
		assertThat(root.submit(page, page + "/admin", "admin=true").statusCode()).isEqualTo(302);

		assertThat(theirs.get("/settings/tokens").statusCode()).as("signed out everywhere").isEqualTo(302);
		PageSession again = new PageSession(this.port);
		again.signIn(promoted.username(), TestFixtures.PASSWORD);
		assertThat(again.get("/admin").statusCode()).as("their new role on signing in").isEqualTo(200);
		String token = this.tokens
			.create(new TokenService.Owner(promoted.id(), true),
					new TokenRequest("adm", null, List.of("admin"), new Expiration.InDays(1)), null)
			.secret()
			.reveal();
		assertThat(this.http.get("/api/v1/admin/users", Http.bearer(token)).status()).isEqualTo(200);

		assertThat(root.submit(page, page + "/admin", "admin=false").statusCode()).isEqualTo(302);
		assertThat(this.http.get("/api/v1/admin/users", Http.bearer(token)).status())
			.as("the token follows at once").isEqualTo(403);
		assertThat(again.get("/admin").statusCode()).as("that session ended too").isEqualTo(302);
		assertThat(this.audit.find(new SecurityEventQuery(promoted.id(), null, null, null, null, 10)))
			.extracting((event) -> event.action())
			.contains(SecurityAction.USER_PROMOTED, SecurityAction.USER_DEMOTED);
	}

	@Test
	void adminRoleApiWhenDemotingYourselfThenRefusedAndWhenAnotherThenDone() {
		Account other = this.fixtures.user();
		assertThat(this.http.put("/api/v1/admin/users/" + other.username() + "/admin", Http.bearer(this.admin))
			.status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/admin/users/" + other.username(), Http.bearer(this.admin)).json()
			.get("admin").asBoolean()).isTrue();
		assertThat(this.http.delete("/api/v1/admin/users/" + other.username() + "/admin", Http.bearer(this.admin))
			.status()).isEqualTo(204);
		assertThat(this.http.delete("/api/v1/admin/users/root/admin", Http.bearer(this.admin)).status())
			.isEqualTo(422);
		assertThat(this.http.get("/api/v1/admin/users/root", Http.bearer(this.admin)).json().get("admin").asBoolean())
			.isTrue();
		assertThat(this.http.put("/api/v1/admin/users/" + other.username() + "/admin", Http.bearer(this.userToken))
			.status()).isEqualTo(403);
	}

	@Test
	void adminApiWhenTokenHasAdminScopeButItsUserIsNoLongerAdminThenForbidden() {
		Account former = this.fixtures.user();
		this.jdbc.sql("UPDATE accounts SET is_admin = TRUE WHERE id = ?").param(former.id()).update();
		String token = this.tokens
			.create(new TokenService.Owner(former.id(), true),
					new TokenRequest("adm", null, List.of("admin", "user"), new Expiration.InDays(1)), null)
			.secret()
			.reveal();
		assertThat(this.http.get("/api/v1/admin/users", Http.bearer(token)).status()).isEqualTo(200);

		this.jdbc.sql("UPDATE accounts SET is_admin = FALSE WHERE id = ?").param(former.id()).update();
		this.cache.evictAccount(former.id());
		Response refused = this.http.get("/api/v1/admin/users", Http.bearer(token));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.http.get("/api/v1/admin/token-policy", Http.bearer(token)).status()).isEqualTo(403);
		assertThat(this.http.get("/api/v1/user", Http.bearer(token)).status()).as("its other scopes still work")
			.isEqualTo(200);
	}

	@Test
	void adminPagesWhenAdminThenSearchAndSuspendWhenNotAdminThenForbidden() {
		PageSession notAdmin = new PageSession(this.port);
		notAdmin.signIn(this.user.username(), TestFixtures.PASSWORD);
		assertThat(notAdmin.get("/admin").statusCode()).isEqualTo(403);

		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");
		String found = root.get("/admin?q=" + this.user.username()).body();
		assertThat(found).contains("/admin/users/" + this.user.username()).doesNotContain("/admin/users/root\"");
		root.submit("/admin/users/" + this.user.username(), "/admin/users/" + this.user.username() + "/suspend", "");
		assertThat(root.get("/admin/users/" + this.user.username()).body()).contains("Suspended")
			.contains("Lift suspension");
		assertThat(this.http.get("/api/v1/user", Http.bearer(this.userToken)).status()).isEqualTo(401);
	}

	@Test
	void tokensWhenSearchedAcrossUsersByNameOrOwnerThenFoundWithoutValues() {
		Account other = this.fixtures.user();
		IssuedToken deploy = this.tokens.create(new TokenService.Owner(other.id(), false),
				new TokenRequest("deploy 100% safe", null, List.of("user"), new Expiration.InDays(7)), null);

		Http.Response byName = this.http.get("/api/v1/admin/tokens?q=100%25+safe", Http.bearer(this.admin));
		assertThat(byName.status()).isEqualTo(200);
		assertThat(byName.json().get(0).get("owner").asString()).isEqualTo(other.username());
		assertThat(byName.json().get(0).get("token").get("id").asLong()).isEqualTo(deploy.metadata().id());
		assertThat(byName.body()).doesNotContain(deploy.secret().reveal());
		Http.Response byOwner = this.http.get("/api/v1/admin/tokens?q=" + other.username(), Http.bearer(this.admin));
		assertThat(byOwner.json().size()).isEqualTo(1);
		assertThat(this.http.get("/api/v1/admin/tokens?q=100_", Http.bearer(this.admin)).json().size())
			.as("LIKE wildcards are taken literally").isZero();
		assertThat(this.http.get("/api/v1/admin/tokens", Http.bearer(this.userToken)).status()).isEqualTo(403);

		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");
		assertThat(root.get("/admin/tokens?q=" + other.username()).body()).contains("deploy 100% safe",
				"/admin/users/" + other.username());
	}

}
