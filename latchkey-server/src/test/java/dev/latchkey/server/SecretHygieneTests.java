package dev.latchkey.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.check.LastUsedRecorder;
import dev.latchkey.server.twofactor.TotpCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a token's one showing, its plain value is nowhere: not in the H2 database files
 * under the data directory, not in any table, not in the log (at debug level, too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.latchkey=TRACE", "logging.level.org.springframework.security=DEBUG",
				"logging.level.org.springframework.web=DEBUG", "logging.level.org.springframework.jdbc=TRACE",
				"latchkey.admin.username=root", "latchkey.admin.password=root-password-for-tests" })
@Import(TestFixtures.class)
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests {

	private static final Path DATA_DIR = createDataDir();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("latchkey.data-dir", DATA_DIR::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	DataSource dataSource;

	@Autowired
	LastUsedRecorder lastUsed;

	@Test
	void plainTokensWhenUsedRegeneratedAndRevokedThenNowhereInDatabaseOrLog(CapturedOutput output) throws Exception {
		Http http = new Http(this.port);
		Account user = this.fixtures.user();
		String manager = this.fixtures.token(user, "user", "tokens:write").secret().reveal();
		List<String> secrets = new ArrayList<>(List.of(manager));

		Http.Response created = http.postJson("/api/v1/user/tokens",
				"{\"name\":\"script\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(manager));
		assertThat(created.status()).isEqualTo(201);
		String script = created.json().get("token").asString();
		secrets.add(script);
		assertThat(http.get("/api/v1/user", Http.bearer(script)).status()).isEqualTo(200);
		assertThat(http.get("/api/v1/user/tokens", Http.bearer(script)).status()).isEqualTo(403);
		assertThat(http.get("/api/v1/user", Http.basic("git", script)).status()).isEqualTo(200);

		Http.Response regenerated = http.postJson(
				"/api/v1/user/tokens/" + created.json().get("id").asLong() + "/regenerate", "{\"expires_in_days\":7}",
				Http.bearer(manager));
		String renewed = regenerated.json().get("token").asString();
		secrets.add(renewed);
		assertThat(http.get("/api/v1/user", Http.bearer(script)).status()).isEqualTo(401);
		assertThat(http.get("/api/v1/user", Http.bearer(renewed)).status()).isEqualTo(200);
		this.lastUsed.flush();
		assertThat(http.delete("/api/v1/tokens/self", Http.bearer(renewed)).status()).isEqualTo(204);

		// A sanctioned token: accepted, used, rotated by its holder, then revoked by its owner.
		Account delegate = this.fixtures.user();
		String delegateManager = this.fixtures.token(delegate, "tokens:write").secret().reveal();
		secrets.add(delegateManager);
		long sanctionedId = http.postJson("/api/v1/user/tokens", "{\"name\":\"for a friend\",\"scopes\":[\"user\"],"
				+ "\"expires_in_days\":7,\"sanction_for\":\"" + delegate.username() + "\"}", Http.bearer(manager))
			.json()
			.get("id")
			.asLong();
		String held = http.postJson("/api/v1/user/sanctioned-tokens/" + sanctionedId + "/accept", "",
				Http.bearer(delegateManager)).json().get("token").asString();
		secrets.add(held);
		assertThat(http.get("/api/v1/user", Http.bearer(held)).status()).isEqualTo(200);
		String rotated = http.postJson("/api/v1/tokens/self/rotate", "", Http.bearer(held)).json().get("token").asString();
		secrets.add(rotated);
		this.lastUsed.flush();
		assertThat(http.delete("/api/v1/user/tokens/" + sanctionedId, Http.bearer(manager)).status()).isEqualTo(204);

		String tables = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(tables).contains(user.username());
		JdbcClient.create(this.dataSource).sql("CHECKPOINT SYNC").update();
		List<Path> files = databaseFiles();
		assertThat(files).isNotEmpty();
		for (String secret : secrets) {
			assertThat(tables).doesNotContain(secret);
			for (Path file : files) {
				assertThat(contains(Files.readAllBytes(file), secret.getBytes(StandardCharsets.US_ASCII)))
					.as("%s in %s", "token", file)
					.isFalse();
			}
			assertThat(output.getAll()).doesNotContain(secret);
		}
		assertThat(output.getAll()).contains("/api/v1/user");
	}

	@Test
	void secondFactorSecretsWhenSetUpAndUsedThenNowhereInDatabaseOrLog(CapturedOutput output) throws Exception {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);
		page.signIn(user.username(), TestFixtures.PASSWORD);
		page.submit("/settings/security", "/settings/security/two-factor", "");
		Matcher setupKey = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7]+)<")
			.matcher(page.get("/settings/security/two-factor/setup").body());
		assertThat(setupKey.find()).isTrue();
		String seed = setupKey.group(1);
		String shown = page.submit("/settings/security/two-factor/setup", "/settings/security/two-factor/setup",
				"code=" + TotpCodes.at(seed, Instant.now()))
			.body();
		List<String> secrets = new ArrayList<>(List.of(seed));
		Matcher recoveryCodes = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(shown);
		while (recoveryCodes.find()) {
			secrets.add(recoveryCodes.group(1));
		}
		assertThat(secrets).hasSize(11);
		PageSession again = new PageSession(this.port);
		assertThat(again.signIn(user.username(), TestFixtures.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login/two-factor"));
		assertThat(again.submit("/login/two-factor", "/login/two-factor", "code=" + secrets.get(1))
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/settings/tokens"));

		String tables = TestDatabases.dumpAllValues(this.dataSource);
		JdbcClient.create(this.dataSource).sql("CHECKPOINT SYNC").update();
		for (String secret : secrets) {
			assertThat(tables).doesNotContain(secret);
			for (Path file : databaseFiles()) {
				assertThat(contains(Files.readAllBytes(file), secret.getBytes(StandardCharsets.US_ASCII)))
					.as("%s in %s", "a second-factor secret", file)
					.isFalse();
			}
			assertThat(output.getAll()).doesNotContain(secret);
		}
		assertThat(output.getAll()).contains("two_factor");
	}

	private static List<Path> databaseFiles() throws IOException {
		try (Stream<Path> files = Files.walk(DATA_DIR)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("latchkey-hygiene");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
