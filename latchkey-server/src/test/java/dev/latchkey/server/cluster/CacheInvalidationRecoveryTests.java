package dev.latchkey.server.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.latchkey.server.FreePort;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.TcpCable;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL when the cache notifications between them go wrong: node A
 * logs in as a role of its own, whose right to {@code pg_notify} the test can take away, and
 * node B reaches the database through a {@link TcpCable} the test can unplug.
 */
class CacheInvalidationRecoveryTests {

	private static final String PASSWORD = "correct horse battery";

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static DriverManagerDataSource database;

	private static JdbcClient superuser;

	private static TcpCable cable;

	private static String role;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startNodes() {
		TestDatabases.assumePostgres();
		database = TestDatabases.freshPostgres();
		superuser = JdbcClient.create(database);
		URI server = URI.create(database.getUrl().substring("jdbc:".length()));
		cable = new TcpCable(FreePort.pick(), server.getPort()).plugIn();
		String cabled = "jdbc:postgresql://localhost:" + cable.port() + server.getPath();
		// B migrates the database as its owner; A then gets the rights of a plain application role.
		nodeB = start(cabled, database.getUsername(), database.getPassword());
		role = "latchkey_node_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		superuser.sql("CREATE ROLE " + role + " LOGIN").update();
		superuser.sql("GRANT USAGE ON SCHEMA public TO " + role).update();
		superuser.sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role).update();
		superuser.sql("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role).update();
		nodeA = start(database.getUrl(), role, "");
	}

	@AfterAll
	static void stopNodes() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
		if (cable != null) {
			cable.close();
		}
		if (role != null) {
			superuser.sql("DROP OWNED BY " + role).update();
			superuser.sql("DROP ROLE " + role).update();
		}
	}

	private static ConfigurableApplicationContext start(String url, String username, String password) {
		return new SpringApplicationBuilder(LatchkeyApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
				"--spring.datasource.password=" + password, "--latchkey.admin.username=root",
				"--latchkey.admin.password=root-password-for-nodes");
	}

	@Test
	void tokenWhenRevokedWhileNotifyIsRefusedThenOtherNodeRefusesItOnceNotifyWorksAgain() {
		String token = token(signUp("refused-notify"), false, "user");
		Http a = http(nodeA);
		Http b = http(nodeB);
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);

		superuser.sql("REVOKE EXECUTE ON FUNCTION pg_notify(text, text) FROM PUBLIC").update();
		try {
			assertThat(a.delete("/api/v1/tokens/self", Http.bearer(token)).status()).isEqualTo(204);
			assertThat(b.get("/api/v1/user", Http.bearer(token)).status())
				.as("node B has not heard of the revocation while PostgreSQL refuses the notification")
				.isEqualTo(200);
		}
		finally {
			superuser.sql("GRANT EXECUTE ON FUNCTION pg_notify(text, text) TO PUBLIC").update();
		}
		assertThat(eventually(() -> b.get("/api/v1/user", Http.bearer(token)).status() == 401))
			.as("node B refuses the revoked token once node A could notify it")
			.isTrue();
	}

	@Test
	void accountWhenSuspendedWhileOtherNodeIsCutOffThenItsCachedAccountIsDroppedOnReconnecting() {
		Account user = signUp("cut-off");
		AccountStore accountsOnB = nodeB.getBean(AccountStore.class);
		assertThat(accountsOnB.findById(user.id()).orElseThrow().suspended()).isFalse();
		String admin = token(nodeA.getBean(AccountStore.class).findByUsername("root").orElseThrow(), true, "admin");

		cable.unplug();
		try {
			assertThat(http(nodeA).put("/api/v1/admin/users/cut-off/suspended", Http.bearer(admin)).status())
				.isEqualTo(204);
			assertThat(accountsOnB.findById(user.id()).orElseThrow().suspended())
				.as("node B, cut off, missed the suspension")
				.isFalse();
		}
		finally {
			cable.plugIn();
		}
		assertThat(eventually(() -> accountsOnB.findById(user.id()).orElseThrow().suspended()))
			.as("node B drops its cached accounts when it listens again")
			.isTrue();
	}

	private static Account signUp(String username) {
		return nodeA.getBean(AccountService.class)
			.signUp(new SignupForm(username, username + "@example.com", PASSWORD));
	}

	private static String token(Account account, boolean admin, String scope) {
		return nodeA.getBean(TokenService.class)
			.create(new TokenService.Owner(account.id(), admin),
					new TokenRequest("recovery", null, List.of(scope), new Expiration.InDays(7)), null)
			.secret()
			.reveal();
	}

	private static Http http(ConfigurableApplicationContext node) {
		return new Http(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
	}

	/**
	 * Whether the condition holds within {@link #PATIENCE}, asked every 50 ms; while node B's
	 * pool replaces the connections the cable broke, an attempt may fail and is asked again.
	 */
	private static boolean eventually(BooleanSupplier condition) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return true;
				}
			}
			catch (RuntimeException ex) {
				// The database is not back for node B yet.
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

}
