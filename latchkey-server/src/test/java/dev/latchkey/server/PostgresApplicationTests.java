package dev.latchkey.server;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.check.LastUsedRecorder;
import dev.latchkey.server.check.LastUsedRecorderTests;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server on a real PostgreSQL, configured only through {@code SPRING_DATASOURCE_*}
 * as in production: the same migrations, the same token lifecycle, no plain token at rest.
 */
class PostgresApplicationTests extends PostgresTestBase {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	DataSource dataSource;

	@Autowired
	LastUsedRecorder lastUsed;

	@Autowired
	PersonalAccessTokenStore tokenStore;

	@Autowired
	TokenService tokens;

	@Test
	void lastUseWhenOnPostgresThenKeepsNewestAndSkipsDeletedTokens() {
		LastUsedRecorderTests.newestUseStaysAndDeletedTokenIsSkipped(this.fixtures, this.tokenStore, this.tokens);
	}

	@Test
	void tokenLifecycleWhenOnPostgresThenWorksAndStoresNoPlainToken() throws Exception {
		assertThat(this.dataSource.getConnection().getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		String manager = this.fixtures.token(user, "user", "tokens:read", "tokens:write").secret().reveal();

		Http.Response created = http.postJson("/api/v1/user/tokens",
				"{\"name\":\"pg\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(manager));
		assertThat(created.status()).isEqualTo(201);
		String token = created.json().get("token").asString();
		assertThat(http.get("/api/v1/user", Http.bearer(token)).json().get("username").asString())
			.isEqualTo(user.username());
		assertProblemStatus(http.postJson("/api/v1/user/tokens",
				"{\"name\":\"pg\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(manager)), 422);

		this.lastUsed.flush();
		long id = created.json().get("id").asLong();
		assertThat(http.get("/api/v1/user/tokens/" + id, Http.bearer(manager)).json().get("last_used_at").isNull())
			.isFalse();

		String renewed = http.postJson("/api/v1/user/tokens/" + id + "/regenerate", "{\"expires_in_days\":1}",
				Http.bearer(manager))
			.json()
			.get("token")
			.asString();
		assertThat(http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(401);
		assertThat(http.get("/api/v1/user", Http.bearer(renewed)).status()).isEqualTo(200);

		String tables = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(tables).contains(user.username()).doesNotContain(token).doesNotContain(renewed)
			.doesNotContain(manager);

		assertThat(http.delete("/api/v1/user/tokens/" + id, Http.bearer(manager)).status()).isEqualTo(204);
		assertThat(http.get("/api/v1/user", Http.bearer(renewed)).status()).isEqualTo(401);
	}

	private static void assertProblemStatus(Http.Response response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

}
