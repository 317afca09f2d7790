package dev.latchkey.examples.notes;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Latchkey server and the notes API, side by side on loopback: the notes API knows
 * only the three {@code latchkey.client.*} properties, and checks every token by
 * introspection.
 */
class NotesEndToEndTests {

	private static final String PASSWORD = "correct horse battery";

	private static final Pattern TESTID = Pattern.compile("data-testid=\"([a-z-]+)\">([^<]+)<");

	private static final HandClock notesClock = new HandClock();

	private static ConfigurableApplicationContext latchkey;

	private static ConfigurableApplicationContext notes;

	private static String latchkeyUrl;

	private static String notesUrl;

	private static String clientId;

	private static String clientSecret;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startBoth() throws Exception {
		// The server lists notebooks from the notes API for its token picker, so it needs the
		// notes API's port before either starts.
		int notesPort = freePort();
		latchkey = new SpringApplicationBuilder(LatchkeyApplication.class)
			// Arguments, not default properties, so they win over the server's application.yml.
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:e2e-latchkey;DB_CLOSE_DELAY=-1",
					"--latchkey.admin.username=root", "--latchkey.admin.password=root-password-for-e2e",
					"--latchkey.resources[0].type=notebook", "--latchkey.resources[0].scopes=notes:read,notes:write",
					"--latchkey.resources[0].list-url=http://localhost:" + notesPort
							+ "/latchkey/notebooks?user={username}");
		latchkeyUrl = "http://localhost:" + latchkey.getEnvironment().getProperty("local.server.port");
		registerNotesApp();
		markResourceServer();
		notes = NotesApplication.builder()
			.initializers((context) -> context.getBeanFactory().registerSingleton("clock", notesClock))
			.run("--server.port=" + notesPort, "--latchkey.client.issuer-url=" + latchkeyUrl,
					"--latchkey.client.client-id=" + clientId, "--latchkey.client.client-secret=" + clientSecret,
					"--spring.flyway.enabled=false", "--spring.datasource.url=jdbc:h2:mem:e2e-notes;DB_CLOSE_DELAY=-1");
		notesUrl = "http://localhost:" + notes.getEnvironment().getProperty("local.server.port");
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@AfterAll
	static void stopBoth() {
		if (notes != null) {
			notes.close();
		}
		if (latchkey != null && latchkey.isActive()) {
			latchkey.close();
		}
	}

	/** The notes API's owner registers it as an OAuth App in the pages, as the README says. */
	private static void registerNotesApp() throws Exception {
		Account owner = latchkey.getBean(AccountService.class)
			.signUp(new SignupForm("notes-owner", "owner@example.com", PASSWORD));
		Session session = new Session(latchkeyUrl).signIn(owner.username());
		String form = session.get("/settings/developers/new").body();
		String page = session.post("/settings/developers", "_csrf=" + enc(csrf(form)) + "&name=Notes+API"
				+ "&homepageUrl=" + enc("https://notes.example") + "&callbackUrls=" + enc("http://127.0.0.1:9/cb")
				+ "&clientType=confidential").body();
		Matcher ids = TESTID.matcher(page);
		while (ids.find()) {
			if (ids.group(1).equals("client-id")) {
				clientId = ids.group(2);
			}
			if (ids.group(1).equals("client-secret")) {
				clientSecret = ids.group(2);
			}
		}
		assertThat(clientSecret).startsWith("lkc_");
	}

	/**
	 * The admin ticks "Resource server" for the notes API's app, as the README says: without
	 * it the app could introspect only its owner's tokens, not its users' (nor the server's,
	 * when Latchkey lists notebooks).
	 */
	private static void markResourceServer() throws Exception {
		Session root = new Session(latchkeyUrl).signIn("root", "root-password-for-e2e");
		String page = root.get("/admin/apps/" + clientId).body();
		assertThat(page).contains("Resource server");
		root.post("/admin/apps/" + clientId + "/resource-server", "_csrf=" + enc(csrf(page)) + "&resourceServer=true");
		assertThat(root.get("/admin/apps/" + clientId).body()).contains("value=\"true\" checked=\"checked\"");
	}

	@Test
	void personalTokenWhenReadAndWriteThenCreatesAndReadsNotes() throws Exception {
		String token = pat(user("pat-writer"), "notes:read", "notes:write");
		HttpResponse<String> notebook = send("POST", "/notebooks", token, "{\"name\":\"Ideas\"}");
		assertThat(notebook.statusCode()).isEqualTo(201);
		assertThat(notebook.headers().firstValue("X-OAuth-Scopes")).contains("notes:read, notes:write");
		long id = id(notebook.body());
		assertThat(send("POST", "/notebooks/" + id + "/notes", token, "{\"title\":\"Token\",\"body\":\"lkp\"}")
			.statusCode()).isEqualTo(201);
		HttpResponse<String> listed = send("GET", "/notebooks/" + id + "/notes", token, null);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"title\":\"Token\"");
	}

	@Test
	void oauthTokenWhenGrantedNotesScopesThenCreatesAndReadsNotes() throws Exception {
		Account user = user("oauth-writer");
		String token = oauthToken(user, "notes:read notes:write");
		assertThat(token).startsWith("lko_");
		long id = id(send("POST", "/notebooks", token, "{\"name\":\"From an app\"}").body());
		assertThat(send("GET", "/notebooks/" + id, token, null).body()).contains("From an app");
	}

	@Test
	void readOnlyTokenWhenWritingThenInsufficientScope() throws Exception {
		String token = pat(user("reader"), "notes:read");
		assertThat(send("GET", "/notebooks", token, null).statusCode()).isEqualTo(200);
		HttpResponse<String> write = send("POST", "/notebooks", token, "{\"name\":\"nope\"}");
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.headers().firstValue("X-Accepted-OAuth-Scopes")).contains("notes:write");
		assertThat(write.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
		assertThat(write.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void notebookWhenAnotherUsersThenInvisible() throws Exception {
		String alice = pat(user("alice"), "notes:read", "notes:write");
		String bob = pat(user("bob"), "notes:read", "notes:write");
		long id = id(send("POST", "/notebooks", alice, "{\"name\":\"Private\"}").body());
		assertThat(send("GET", "/notebooks/" + id, bob, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/notebooks", bob, null).body()).doesNotContain("Private");
	}

	@Test
	void fineGrainedTokenWhenLimitedToOneNotebookThenAnotherIsForbidden() throws Exception {
		Account user = user("picker");
		String owner = pat(user, "notes:read", "notes:write", "tokens:write");
		long work = id(send("POST", "/notebooks", owner, "{\"name\":\"Work\"}").body());
		long diary = id(send("POST", "/notebooks", owner, "{\"name\":\"Diary\"}").body());
		send("POST", "/notebooks/" + diary + "/notes", owner, "{\"title\":\"Secret\"}");

		// Latchkey checks the selection against the notes API's own list, called as itself. The new
		// token may not outlive the one creating it, which has 7 days.
		HttpResponse<String> created = latchkeyApi("POST", "/api/v1/user/tokens", owner, """
				{"name": "work only", "scopes": ["notes:read", "notes:write"], "expires_in_days": 6,
				 "resources": {"notebook": ["%d"]}}""".formatted(work));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String limited = field(created.body(), "token");

		assertThat(send("GET", "/notebooks/" + work, limited, null).statusCode()).isEqualTo(200);
		HttpResponse<String> other = send("GET", "/notebooks/" + diary, limited, null);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(other.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
		assertThat(send("GET", "/notebooks/" + diary + "/notes", limited, null).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/notebooks", limited, "{\"name\":\"New\"}").statusCode()).isEqualTo(403);
		HttpResponse<String> listed = send("GET", "/notebooks", limited, null);
		assertThat(listed.body()).contains("Work").doesNotContain("Diary");
	}

	@Test
	void pickerListWhenAskedByAUserTokenThenForbidden() throws Exception {
		Account user = user("lister");
		String token = pat(user, "notes:read");
		assertThat(send("GET", "/latchkey/notebooks?user=" + user.username(), token, null).statusCode()).isEqualTo(403);
	}

	@Test
	void requestWhenNoTokenOrBadTokenThenUnauthorizedLikeTheServer() throws Exception {
		HttpResponse<String> none = send("GET", "/notebooks", null, null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
		assertThat(send("GET", "/notebooks", "lkp_bogus", null).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenWhenRevokedThenStopsWorkingOnceItsCacheEntryLapses() throws Exception {
		Account user = user("revoker");
		IssuedToken issued = issue(user, "notes:read");
		String token = issued.secret().reveal();
		assertThat(send("GET", "/notebooks", token, null).statusCode()).isEqualTo(200);
		latchkey.getBean(TokenService.class).revoke(user.id(), issued.metadata().id());
		assertThat(send("GET", "/notebooks", token, null).statusCode()).isEqualTo(200);
		notesClock.advance(Duration.ofSeconds(61));
		assertThat(send("GET", "/notebooks", token, null).statusCode()).isEqualTo(401);
	}

	private Account user(String name) {
		return latchkey.getBean(AccountService.class)
			.signUp(new SignupForm(name + "-" + System.nanoTime() % 100000, name + System.nanoTime() + "@example.com",
					PASSWORD));
	}

	private IssuedToken issue(Account user, String... scopes) {
		return latchkey.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false),
					new dev.latchkey.server.token.TokenRequest("notes-" + System.nanoTime(), null, List.of(scopes), new Expiration.InDays(7)),
					null);
	}

	private String pat(Account user, String... scopes) {
		return issue(user, scopes).secret().reveal();
	}

	/** The authorization code flow with a signed-in user, exchanged with Nimbus. */
	private String oauthToken(Account user, String scope) throws Exception {
		Session session = new Session(latchkeyUrl).signIn(user.username());
		AuthorizationRequest request = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
			.endpointURI(URI.create(latchkeyUrl + "/oauth2/authorize"))
			.redirectionURI(URI.create("http://127.0.0.1:9/cb"))
			.scope(Scope.parse(scope))
			.state(new State())
			.build();
		String consent = session.get(request.toURI().toString()).headers().firstValue("Location").orElseThrow();
		var query = com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(URI.create(consent).getRawQuery());
		// The consent is posted from the consent page, with its CSRF token.
		String consentPage = session.get(consent).body();
		StringBuilder form = new StringBuilder("client_id=" + enc(clientId) + "&state=" + enc(query.get("state").get(0))
				+ "&_csrf=" + enc(csrf(consentPage)));
		for (String s : scope.split(" ")) {
			form.append("&scope=").append(enc(s));
		}
		String callback = session.post("/oauth2/authorize", form.toString()).headers().firstValue("Location").orElseThrow();
		var code = AuthorizationResponse.parse(URI.create(callback)).toSuccessResponse().getAuthorizationCode();
		TokenResponse tokens = TokenResponse.parse(new TokenRequest(URI.create(latchkeyUrl + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret)),
				new AuthorizationCodeGrant(code, URI.create("http://127.0.0.1:9/cb")))
			.toHTTPRequest()
			.send());
		return tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		return call(notesUrl, method, path, token, json);
	}

	private HttpResponse<String> latchkeyApi(String method, String path, String token, String json) throws Exception {
		return call(latchkeyUrl, method, path, token, json);
	}

	private HttpResponse<String> call(String base, String method, String path, String token, String json)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return matcher.group(1);
	}

	private static long id(String json) {
		Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A browser's cookies, without following redirects. */
	private record Session(String base, HttpClient client) {

		Session(String base) {
			this(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
		}

		Session signIn(String username) throws Exception {
			return signIn(username, PASSWORD);
		}

		Session signIn(String username, String password) throws Exception {
			String form = get("/login").body();
			post("/login", "_csrf=" + enc(csrf(form)) + "&username=" + enc(username) + "&password=" + enc(password));
			return this;
		}

		HttpResponse<String> get(String pathOrUrl) throws Exception {
			URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.base + pathOrUrl);
			return this.client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String form) throws Exception {
			return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	/** The notes API's clock, moved by hand to age its cache. */
	static final class HandClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
