package dev.latchkey.server;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away and comes back: tokens already checked keep working from the
 * cache, others get a {@code 503} instead of a hung request, the server recovers by itself,
 * and nothing stored before is lost. The server reaches PostgreSQL through a
 * {@link TcpCable} the test unplugs and plugs back in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "latchkey.admin.username=root", "latchkey.admin.password=root-password-for-tests" })
@Import(TestFixtures.class)
class DatabaseOutageTests {

	private static DriverManagerDataSource database;

	private static TcpCable cable;

	@BeforeAll
	static void requirePostgres() {
		TestDatabases.assumePostgres();
	}

	@DynamicPropertySource
	static void throughTheCable(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> cabled().replace("/postgres", "/" + databaseName()));
		registry.add("spring.datasource.username", () -> database.getUsername());
		registry.add("spring.datasource.password", () -> database.getPassword());
	}

	/** The database's URL with the cable's port in place of the server's. */
	private static synchronized String cabled() {
		if (database == null) {
			database = TestDatabases.freshPostgres();
			URI server = URI.create(database.getUrl().substring("jdbc:".length()));
			cable = new TcpCable(FreePort.pick(), server.getPort()).plugIn();
		}
		return "jdbc:postgresql://localhost:" + cable.port() + "/postgres";
	}

	private static String databaseName() {
		String url = database.getUrl();
		return url.substring(url.lastIndexOf('/') + 1);
	}

	@AfterAll
	static void stopCable() {
		if (cable != null) {
			cable.close();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	TokenService tokens;

	@Test
	void requestsWhenDatabaseDownThenCachedTokensWorkOthersGet503AndAllRecover() {
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		IssuedToken used = this.fixtures.token(user, "user");
		IssuedToken unused = this.fixtures.token(user, "user");
		assertThat(http.get("/api/v1/meta", Http.bearer(used.secret().reveal())).status()).isEqualTo(200);

		cable.unplug();
		assertThat(http.get("/api/v1/meta", Http.bearer(used.secret().reveal())).status())
			.as("a token in the cache works while the database is away")
			.isEqualTo(200);
		Http.Response unavailable = http.get("/api/v1/meta", Http.bearer(unused.secret().reveal()));
		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.header("Retry-After")).isEqualTo("5");
		assertThat(unavailable.json().get("error").asString()).isEqualTo("temporarily_unavailable");

		cable.plugIn();
		int status = 0;
		// Each pooled connection broken by the outage fails once before the pool replaces it.
		for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
			status = http.get("/api/v1/meta", Http.bearer(unused.secret().reveal())).status();
		}
		assertThat(status).as("the server recovers by itself").isEqualTo(200);
		assertThat(this.tokens.list(user.id())).hasSize(2);
	}

}
