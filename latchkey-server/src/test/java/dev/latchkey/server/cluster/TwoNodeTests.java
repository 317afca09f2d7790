package dev.latchkey.server.cluster;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Latchkey nodes on different ports sharing one PostgreSQL database, as behind a load
 * balancer: a token revoked on one is refused by the other within a second, and a browser
 * session started on one is known to the other.
 */
class TwoNodeTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String ISSUER = "https://latchkey.example";

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static DriverManagerDataSource database;

	@BeforeAll
	static void startNodes() {
		TestDatabases.assumePostgres();
		database = TestDatabases.freshPostgres();
		nodeA = start();
		nodeB = start();
	}

	@AfterAll
	static void stopNodes() {
		if (nodeB != null) {
			nodeB.close();
		}
		if (nodeA != null) {
			nodeA.close();
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LatchkeyApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.getUrl(), "--spring.datasource.username=" + database.getUsername(),
				"--spring.datasource.password=" + database.getPassword(), "--latchkey.admin.username=root",
				"--latchkey.admin.password=root-password-for-nodes",
				// One public address for both, as behind a load balancer: a DPoP proof names it.
				"--latchkey.oauth.issuer=" + ISSUER);
	}

	private static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
	}

	@Test
	void tokenWhenRevokedOnNodeAThenNodeBRefusesItWithinOneSecond() {
		Account user = nodeA.getBean(AccountService.class)
			.signUp(new SignupForm("node-user", "node@example.com", PASSWORD));
		String token = nodeA.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false),
					new TokenRequest("nodes", null, List.of("user"), new Expiration.InDays(7)), null)
			.secret()
			.reveal();
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);

		assertThat(a.delete("/api/v1/tokens/self", Http.bearer(token)).status()).isEqualTo(204);
		assertThat(statusWithinOneSecond(b, token))
			.as("node B still accepted the token a second after node A revoked it")
			.isEqualTo(401);
	}

	@Test
	void userWhenSuspendedOnNodeAThenNodeBRefusesTheirCachedTokenWithinOneSecond() {
		TokenService tokens = nodeA.getBean(TokenService.class);
		Account user = nodeA.getBean(AccountService.class)
			.signUp(new SignupForm("suspended-user", "suspended@example.com", PASSWORD));
		String token = tokens.create(new TokenService.Owner(user.id(), false),
				new TokenRequest("nodes", null, List.of("user"), new Expiration.InDays(7)), null)
			.secret()
			.reveal();
		Account root = nodeA.getBean(AccountStore.class).findByUsername("root").orElseThrow();
		String admin = tokens.create(new TokenService.Owner(root.id(), true),
				new TokenRequest("suspender", null, List.of("admin"), new Expiration.InDays(7)), null)
			.secret()
			.reveal();
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);

		assertThat(a.put("/api/v1/admin/users/suspended-user/suspended", Http.bearer(admin)).status()).isEqualTo(204);
		assertThat(statusWithinOneSecond(b, token))
			.as("node B still accepted the token a second after node A suspended its user")
			.isEqualTo(401);
	}

	@Test
	void appWhenOwnerSuspendedOnNodeAThenNodeBRefusesTheAppAndItsTokenWithinOneSecond() throws Exception {
		nodeA.getBean(AccountService.class).signUp(new SignupForm("app-owner", "app-owner@example.com", PASSWORD));
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = get(browser, port(nodeA), "/login").body();
		post(browser, port(nodeA), "/login", "_csrf=" + enc(csrf(login)) + "&username=app-owner&password=" + enc(PASSWORD));
		String form = get(browser, port(nodeA), "/settings/developers/new").body();
		String page = post(browser, port(nodeA), "/settings/developers", "_csrf=" + enc(csrf(form))
				+ "&name=Cluster+App&homepageUrl=" + enc("https://app.example") + "&callbackUrls="
				+ enc("https://app.example/cb") + "&clientType=confidential").body();
		String clientId = testId(page, "client-id");
		String clientSecret = testId(page, "client-secret");
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		Http.Response issued = b.post("/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=client_credentials", Http.basic(clientId, clientSecret));
		assertThat(issued.status()).isEqualTo(200);
		String appToken = issued.json().get("access_token").asString();
		// Both the app and its token are now cached on node B.
		assertThat(b.get("/api/v1/user", Http.bearer(appToken)).status()).isEqualTo(403);

		Account root = nodeA.getBean(AccountStore.class).findByUsername("root").orElseThrow();
		String admin = nodeA.getBean(TokenService.class)
			.create(new TokenService.Owner(root.id(), true),
					new TokenRequest("app suspender", null, List.of("admin"), new Expiration.InDays(7)), null)
			.secret()
			.reveal();
		assertThat(a.put("/api/v1/admin/users/app-owner/suspended", Http.bearer(admin)).status()).isEqualTo(204);

		assertThat(withinOneSecond(() -> b.post("/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=client_credentials", Http.basic(clientId, clientSecret)).status(), 401))
			.as("node B still authenticated the app a second after node A suspended its owner")
			.isEqualTo(401);
		assertThat(withinOneSecond(() -> b.get("/api/v1/user", Http.bearer(appToken)).status(), 401))
			.as("node B still accepted the app's own token")
			.isEqualTo(401);
	}

	@Test
	void dpopProofWhenUsedOnNodeAThenNodeBRefusesItAsReplayed() throws Exception {
		nodeA.getBean(AccountService.class).signUp(new SignupForm("dpop-owner", "dpop-owner@example.com", PASSWORD));
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = get(browser, port(nodeA), "/login").body();
		post(browser, port(nodeA), "/login", "_csrf=" + enc(csrf(login)) + "&username=dpop-owner&password=" + enc(PASSWORD));
		String form = get(browser, port(nodeA), "/settings/developers/new").body();
		String page = post(browser, port(nodeA), "/settings/developers", "_csrf=" + enc(csrf(form))
				+ "&name=DPoP+App&homepageUrl=" + enc("https://app.example") + "&callbackUrls="
				+ enc("https://app.example/cb") + "&clientType=confidential").body();
		DefaultDPoPProofFactory key = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(),
				JWSAlgorithm.ES256);
		HTTPRequest tokenRequest = new com.nimbusds.oauth2.sdk.TokenRequest(URI.create("http://localhost:" + port(nodeA) + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(testId(page, "client-id")), new Secret(testId(page, "client-secret"))),
				new ClientCredentialsGrant())
			.toHTTPRequest();
		tokenRequest.setDPoP(key.createDPoPJWT("POST", tokenRequest.getURI()));
		AccessToken token = TokenResponse.parse(tokenRequest.send()).toSuccessResponse().getTokens().getAccessToken();
		String proof = key.createDPoPJWT("GET", URI.create(ISSUER + "/api/v1/meta"), token).serialize();
		String[] headers = { "Authorization", "DPoP " + token.getValue(), "DPoP", proof };

		assertThat(new Http(port(nodeA)).get("/api/v1/meta", headers).status()).isEqualTo(200);
		Http.Response replayed = new Http(port(nodeB)).get("/api/v1/meta", headers);
		assertThat(replayed.status()).as("the same proof at the other node").isEqualTo(401);
		assertThat(replayed.json().get("detail").asString()).contains("used before");
	}

	/** Asks until the answer is the wanted status or a second has passed; the last status. */
	private static int withinOneSecond(java.util.function.IntSupplier ask, int wanted) {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		int status = ask.getAsInt();
		while (status != wanted && System.nanoTime() < deadline) {
			status = ask.getAsInt();
		}
		return status;
	}

	private static HttpResponse<String> post(HttpClient client, int port, String path, String form) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(port, path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String testId(String page, String id) {
		Matcher matcher = Pattern.compile("data-testid=\"" + id + "\">([^<]+)<").matcher(page);
		assertThat(matcher.find()).as(id).isTrue();
		return matcher.group(1);
	}

	/** Asks the node with the token until it refuses it or a second has passed; the last status. */
	private static int statusWithinOneSecond(Http node, String token) {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		int status = 200;
		while (status == 200 && System.nanoTime() < deadline) {
			status = node.get("/api/v1/user", Http.bearer(token)).status();
		}
		return status;
	}

	@Test
	void rateLimitWhenRequestsSpreadOverNodesThenCountedTogether() {
		Account user = nodeA.getBean(AccountService.class)
			.signUp(new SignupForm("limited", "limited@example.com", PASSWORD));
		String token = nodeA.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false),
					new TokenRequest("limited", null, List.of("user"), new Expiration.InDays(7), 4), null)
			.secret()
			.reveal();
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		assertThat(a.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		assertThat(a.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		assertThat(b.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		nodeA.getBean(RateLimiter.class).sync();
		nodeB.getBean(RateLimiter.class).sync();
		nodeA.getBean(RateLimiter.class).sync();
		Http.Response fifth = a.get("/api/v1/user", Http.bearer(token));
		assertThat(fifth.status()).isEqualTo(429);
		assertThat(fifth.header("X-RateLimit-Used")).isEqualTo("4");
	}

	@Test
	void sessionWhenSignedInOnNodeAThenNodeBKnowsTheUser() throws Exception {
		nodeA.getBean(AccountService.class).signUp(new SignupForm("roaming", "roaming@example.com", PASSWORD));
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = get(browser, port(nodeA), "/login").body();
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri(port(nodeA), "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(login)) + "&username=roaming&password="
					+ enc(PASSWORD)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens");

		HttpResponse<String> onB = get(browser, port(nodeB), "/settings/tokens");
		assertThat(onB.statusCode()).isEqualTo(200);
		assertThat(onB.body()).contains("roaming").contains("Personal access tokens");
		assertThat(JdbcClient.create(database)
			.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'roaming'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void sessionsWhenListedOnNodeBThenTheOneOnNodeAIsThereAndSigningItOutEndsIt() {
		nodeA.getBean(AccountService.class).signUp(new SignupForm("wanderer", "wanderer@example.com", PASSWORD));
		PageSession onA = new PageSession(port(nodeA));
		onA.signIn("wanderer", PASSWORD);
		PageSession onB = new PageSession(port(nodeB));
		onB.signIn("wanderer", PASSWORD);

		String sessions = onB.get("/settings/sessions").body();
		assertThat(sessions.split("data-testid=\"session\"", -1)).hasSize(3);
		Matcher other = Pattern.compile("/settings/sessions/([0-9a-f]{32})/revoke").matcher(sessions);
		assertThat(other.find()).as("a Sign out button for the session on node A").isTrue();
		assertThat(onB.submit("/settings/sessions", other.group(), "").statusCode()).isEqualTo(302);

		assertThat(onA.get("/settings/tokens").statusCode()).as("node A's session ended").isEqualTo(302);
		assertThat(onB.get("/settings/tokens").statusCode()).isEqualTo(200);
	}

	@Test
	void signInWhenFailuresSpreadOverNodesThenEitherNodeRefusesTheRightPassword() throws Exception {
		nodeA.getBean(AccountService.class).signUp(new SignupForm("guessed", "guessed@example.com", PASSWORD));
		Duration window = nodeA.getBean(ThrottleProperties.class).window();
		long windowBefore = Instant.now().getEpochSecond() / window.toSeconds();
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(port(nodeA), "guessed", "wrong " + i).headers().firstValue("Location").orElseThrow())
				.endsWith("/login?error");
			assertThat(signIn(port(nodeB), "guessed", "wrong " + i).headers().firstValue("Location").orElseThrow())
				.endsWith("/login?error");
		}
		nodeA.getBean(RateLimiter.class).sync();
		nodeB.getBean(RateLimiter.class).sync();
		nodeA.getBean(RateLimiter.class).sync();

		int onA = signIn(port(nodeA), "guessed", PASSWORD).statusCode();
		int onB = signIn(port(nodeB), "guessed", PASSWORD).statusCode();
		// The nodes count in 15-minute windows of the real clock: a test that straddled two
		// windows proves nothing either way.
		assumeTrue(Instant.now().getEpochSecond() / window.toSeconds() == windowBefore, "crossed a window boundary");
		assertThat(onA).as("node A after 5 failures on each node").isEqualTo(429);
		assertThat(onB).as("node B after 5 failures on each node").isEqualTo(429);
	}

	private static HttpResponse<String> signIn(int port, String username, String password) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = get(browser, port, "/login").body();
		return browser.send(HttpRequest.newBuilder(uri(port, "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(login)) + "&username=" + enc(username)
					+ "&password=" + enc(password)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(port, path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
