package dev.latchkey.server;

import java.util.List;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security log, leak reports with their mail, the admin API and the calendar feed on a
 * real PostgreSQL, whose SQL differs from H2's in the details these features lean on
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
		assertThat(http.putJson("/api/v1/admin/token-policy", "{\"allowed_scopes\":[\"notes:read\"]}",
				Http.bearer(admin)).status()).isEqualTo(200);
		String refused = http.postJson("/api/v1/user/tokens",
				"{\"name\":\"pg-policy\",\"scopes\":[\"tokens:write\"],\"expires_in_days\":1}",
				Http.bearer(rootManager)).body();
		assertThat(refused).contains("not_allowed_by_policy");
		assertThat(http.putJson("/api/v1/admin/token-policy", "{}", Http.bearer(admin)).status()).isEqualTo(200);

		// Calendar feed.
		PageSession browser = new PageSession(this.port);
		browser.signIn(user.username(), TestFixtures.PASSWORD);
		String body = browser.submit("/settings/tokens", "/settings/tokens/calendar", "").body();
		String feed = body.substring(body.indexOf("/calendar/"), body.indexOf(".ics") + 4);
		assertThat(http.get(feed).body()).startsWith("BEGIN:VCALENDAR");

		assertThat(TestDatabases.dumpAllValues(this.dataSource)).doesNotContain(token, second, admin, rootManager,
				feed.substring("/calendar/".length(), feed.length() - 4));
	}

}
