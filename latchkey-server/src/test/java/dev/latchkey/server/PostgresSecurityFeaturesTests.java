package dev.latchkey.server;

import java.util.List;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.policy.PolicyEnforcement;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.policy.TokenPolicyService;
import dev.latchkey.server.resource.Resource;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security log, leak reports with their mail, the admin API, the calendar feed,
 * fine-grained and sanctioned tokens on a real PostgreSQL, whose SQL differs from H2's in the details these features lean on
 * (paging, {@code LIKE} escapes, conditional inserts and updates).
 */
class PostgresSecurityFeaturesTests extends PostgresTestBase {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MailTestSupport mail;

	@Autowired
	DataSource dataSource;

	@Autowired
	TestResourceServer.NotebookList notebooks;

	@Autowired
	PolicyEnforcement enforcement;

	@Autowired
	TokenPolicyService policies;

	@Test
	void securityFeaturesWhenOnPostgresThenWorkAndStoreNoSecret() throws Exception {
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		String token = this.fixtures.token(user, "user").secret().reveal();
		Account root = this.fixtures.admin();
		String admin = this.fixtures.token(root, "admin").secret().reveal();

		// Leak report: revoked, mailed through the outbox, logged.
		assertThat(http.postJson("/api/v1/credentials/revoke", "{\"credentials\": [\"" + token + "\"]}").status())
			.isEqualTo(202);
		assertThat(http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(401);
		assertThat(this.mail.deliveredTo(user.email()).getSubject()).contains("was revoked");

		// Security log: filters, paging and CSV.
		Http.Response page = http.get("/api/v1/admin/security-events?per_page=1&user=" + user.username(),
				Http.bearer(admin));
		assertThat(page.json().get(0).get("action").asString()).isEqualTo("personal_access_token.reported_leaked");
		assertThat(page.header("Link")).contains("rel=\"next\"");
		assertThat(http.get("/api/v1/admin/security-events?user=" + user.username(), "Authorization",
				"Bearer " + admin, "Accept", "text/csv").body()).contains("personal_access_token.created");

		// Admin: search with a LIKE wildcard taken literally, suspension.
		List<String> found = StreamSupport
			.stream(http.get("/api/v1/admin/users?q=" + user.username(), Http.bearer(admin)).json().spliterator(), false)
			.map((json) -> json.get("username").asString())
			.toList();
		assertThat(found).containsExactly(user.username());
		assertThat(http.get("/api/v1/admin/users?q=%25", Http.bearer(admin)).json().size()).isZero();
		String second = this.fixtures.token(user, "user").secret().reveal();
		assertThat(http.put("/api/v1/admin/users/" + user.username() + "/suspended", Http.bearer(admin)).status())
			.isEqualTo(204);
		assertThat(http.get("/api/v1/user", Http.bearer(second)).status()).isEqualTo(401);
		assertThat(http.delete("/api/v1/admin/users/" + user.username() + "/suspended", Http.bearer(admin)).status())
			.isEqualTo(204);
		assertThat(http.get("/api/v1/user", Http.bearer(second)).status()).isEqualTo(200);

		// Token policy: saved and enforced, then lifted again.
		String rootManager = this.fixtures.token(root, "tokens:write").secret().reveal();
		// The policy holds on every use too, so the tokens used here carry only allowed scopes.
		assertThat(http.putJson("/api/v1/admin/token-policy",
				"{\"allowed_scopes\":[\"notes:read\",\"tokens:write\",\"admin\"]}", Http.bearer(admin)).status())
			.isEqualTo(200);
		try {
			String refused = http.postJson("/api/v1/user/tokens",
					"{\"name\":\"pg-policy\",\"scopes\":[\"user\"],\"expires_in_days\":1}",
					Http.bearer(rootManager)).body();
			assertThat(refused).contains("not_allowed_by_policy");
		}
		finally {
			// The context is shared with the other PostgreSQL tests: leave no policy behind.
			this.policies.update(TokenPolicy.NONE);
		}

		// Calendar feed.
		PageSession browser = new PageSession(this.port);
		browser.signIn(user.username(), TestFixtures.PASSWORD);
		String body = browser.submit("/settings/tokens", "/settings/tokens/calendar", "").body();
		String feed = body.substring(body.indexOf("/calendar/"), body.indexOf(".ics") + 4);
		assertThat(http.get(feed).body()).startsWith("BEGIN:VCALENDAR");

		assertThat(TestDatabases.dumpAllValues(this.dataSource)).doesNotContain(token, second, admin, rootManager,
				feed.substring("/calendar/".length(), feed.length() - 4));
	}

	@Test
	void fineGrainedAndSanctionedTokensWhenOnPostgresThenWork() throws Exception {
		Http http = new Http(this.port);
		Account owner = this.fixtures.user();
		Account delegate = this.fixtures.user();
		this.notebooks.give(owner.username(), new Resource("12", "Work"), new Resource("40", "Diary"));
		String ownerManager = this.fixtures.token(owner, "tokens:write", "notes:read").secret().reveal();
		String delegateManager = this.fixtures.token(delegate, "tokens:write").secret().reveal();

		Http.Response issued = http.postJson("/api/v1/user/tokens", """
				{"name": "pg sanctioned", "scopes": ["notes:read"], "expires_in_days": 7,
				 "resources": {"notebook": ["40"]}, "sanction_for": "%s"}""".formatted(delegate.username()),
				Http.bearer(ownerManager));
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		long id = http.get("/api/v1/user/sanctioned-tokens", Http.bearer(delegateManager)).json().get(0).get("id").asLong();
		String token = http.postJson("/api/v1/user/sanctioned-tokens/" + id + "/accept", "", Http.bearer(delegateManager))
			.json()
			.get("token")
			.asString();

		Http.Response self = http.get("/api/v1/tokens/self", Http.bearer(token));
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.json().get("resources").get("notebook").get(0).asString()).isEqualTo("40");
		assertThat(self.json().get("sanctioned_for").asString()).isEqualTo(delegate.username());
		assertThat(http.put("/api/v1/admin/users/" + delegate.username() + "/suspended",
				Http.bearer(this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal())).status())
			.isEqualTo(204);
		assertThat(http.get("/api/v1/tokens/self", Http.bearer(token)).status()).isEqualTo(401);
		assertThat(TestDatabases.dumpAllValues(this.dataSource)).doesNotContain(token);
	}

	@Test
	void adminTokenSearchViolationsAndUnusedRevocationWhenOnPostgresThenWork() {
		Http http = new Http(this.port);
		Account owner = this.fixtures.user();
		IssuedToken forever = this.fixtures.token(owner, new Expiration.Never(), "user");
		IssuedToken idle = this.fixtures.token(owner, "user");
		JdbcClient.create(this.dataSource)
			.sql("UPDATE personal_access_tokens SET created_at = created_at - INTERVAL '400 days' WHERE id = ?")
			.param(idle.metadata().id())
			.update();
		String admin = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();

		Http.Response found = http.get("/api/v1/admin/tokens?q=" + owner.username(), Http.bearer(admin));
		assertThat(found.json().size()).isEqualTo(2);
		try {
			assertThat(http.putJson("/api/v1/admin/token-policy",
					"{\"expiration_required\":true,\"revoke_unused_after_days\":365}", Http.bearer(admin)).status())
				.isEqualTo(200);
			assertThat(http.get("/api/v1/admin/token-policy/violations", Http.bearer(admin)).body())
				.contains(forever.metadata().name());
			assertThat(http.get("/api/v1/user", Http.bearer(forever.secret().reveal())).status()).isEqualTo(401);
			this.enforcement.revokeUnused();
			Http.Response left = http.get("/api/v1/admin/tokens?q=" + owner.username(), Http.bearer(admin));
			assertThat(left.json().size()).isEqualTo(1);
			assertThat(left.json().get(0).get("token").get("id").asLong()).isEqualTo(forever.metadata().id());
		}
		finally {
			this.policies.update(TokenPolicy.NONE);
		}
	}

}
