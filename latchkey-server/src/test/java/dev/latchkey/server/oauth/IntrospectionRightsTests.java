package dev.latchkey.server.oauth;

import java.util.List;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.Browser;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.check.LastUsedRecorder;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may introspect what (RFC 7662 section 4): an app reads its own tokens and its owner's,
 * and learns nothing about anyone else's; an app an admin marks as a resource server, through
 * the admin API or the admin pages, reads any token.
 */
@LatchkeyTest
class IntrospectionRightsTests {

	private static final String ROOT_PASSWORD = "root-password-for-tests";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	AuditLog audit;

	@Autowired
	LastUsedRecorder lastUsed;

	@Autowired
	TokenService tokens;

	OAuthTestSupport oauth;

	Http http;

	Account owner;

	Account stranger;

	RegisteredApp app;

	RegisteredApp strangersApp;

	String admin;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.http = new Http(this.port);
		this.owner = this.fixtures.user();
		this.stranger = this.fixtures.user();
		this.app = this.apps.register(this.owner.id(), new AppForm("Rights " + System.nanoTime(),
				"https://api.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.strangersApp = this.apps.register(this.stranger.id(), new AppForm("Stranger's app",
				"https://other.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.admin = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();
	}

	@Test
	void introspectWhenTokenIsTheAppsOwnOrItsOwnersThenActive() throws Exception {
		String appsOwn = clientCredentials(this.app);
		Tokens forAUser = grant(this.stranger, this.app);
		String ownersPersonal = this.fixtures.token(this.owner, "user").secret().reveal();
		Tokens ownersForAnotherApp = grant(this.owner, this.strangersApp);

		assertThat(this.oauth.introspect(this.app, appsOwn).getClientID().getValue())
			.isEqualTo(this.app.app().clientId());
		assertThat(this.oauth.introspect(this.app, forAUser.getAccessToken().getValue()).getUsername())
			.isEqualTo(this.stranger.username());
		assertThat(this.oauth.introspect(this.app, forAUser.getRefreshToken().getValue()).getUsername())
			.isEqualTo(this.stranger.username());
		assertThat(this.oauth.introspect(this.app, ownersPersonal).getUsername()).isEqualTo(this.owner.username());
		TokenIntrospectionSuccessResponse ownersOAuth = this.oauth.introspect(this.app,
				ownersForAnotherApp.getAccessToken().getValue());
		assertThat(ownersOAuth.getUsername()).isEqualTo(this.owner.username());
		assertThat(ownersOAuth.getClientID().getValue()).isEqualTo(this.strangersApp.app().clientId());
		assertThat(this.oauth.introspect(this.app, ownersForAnotherApp.getRefreshToken().getValue()).getUsername())
			.isEqualTo(this.owner.username());
	}

	@Test
	void introspectWhenSomeoneElsesLiveTokenThenTheSameAnswerAsForAnUnknownToken() throws Exception {
		String strangersPersonal = this.fixtures.token(this.stranger, "user").secret().reveal();
		String otherAppsOwn = clientCredentials(this.strangersApp);
		Tokens strangersForOtherApp = grant(this.stranger, this.strangersApp);
		List<String> live = List.of(strangersPersonal, otherAppsOwn, strangersForOtherApp.getAccessToken().getValue(),
				strangersForOtherApp.getRefreshToken().getValue());
		for (String token : live) {
			assertThat(this.oauth.introspect(this.strangersApp, token).isActive()).as("live to its own app").isTrue();
		}
		Http.Response unknown = introspectRaw(this.app, TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL));
		assertThat(unknown.body()).isEqualTo("{\"active\":false}");

		for (String token : live) {
			Http.Response response = introspectRaw(this.app, token);
			assertThat(response.status()).isEqualTo(unknown.status());
			assertThat(response.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
			assertThat(response.body()).isEqualTo(unknown.body());
		}
	}

	@Test
	void introspectWhenSomeoneElsesTokenThenItsLastUseIsNotNoted() throws Exception {
		IssuedToken strangers = this.fixtures.token(this.stranger, "user");
		this.lastUsed.flush();

		assertThat(this.oauth.introspect(this.app, strangers.secret().reveal()).isActive()).isFalse();
		this.lastUsed.flush();
		assertThat(this.tokens.get(this.stranger.id(), strangers.metadata().id()).lastUsedAt()).isNull();

		assertThat(this.oauth.introspect(this.strangersApp, strangers.secret().reveal()).isActive()).isTrue();
		this.lastUsed.flush();
		assertThat(this.tokens.get(this.stranger.id(), strangers.metadata().id()).lastUsedAt()).isNotNull();
	}

	@Test
	void resourceServerWhenMarkedThroughTheAdminApiThenAnyTokenActiveUntilUnmarked() throws Exception {
		String strangersPersonal = this.fixtures.token(this.stranger, "user").secret().reveal();
		String otherAppsOwn = clientCredentials(this.strangersApp);
		String path = "/api/v1/admin/apps/" + this.app.app().clientId() + "/resource-server";
		assertThat(this.oauth.introspect(this.app, strangersPersonal).isActive()).isFalse();

		assertThat(this.http.put(path, Http.bearer(this.admin)).status()).isEqualTo(204);

		TokenIntrospectionSuccessResponse personal = this.oauth.introspect(this.app, strangersPersonal);
		assertThat(personal.isActive()).isTrue();
		assertThat(personal.getUsername()).isEqualTo(this.stranger.username());
		assertThat(this.oauth.introspect(this.app, otherAppsOwn).isActive()).isTrue();
		Http.Response shown = this.http.get("/api/v1/admin/apps/" + this.app.app().clientId(), Http.bearer(this.admin));
		assertThat(shown.json().get("resource_server").asBoolean()).isTrue();
		assertThat(shown.json().get("owner").asString()).isEqualTo(this.owner.username());
		assertThat(shown.body()).doesNotContain(this.app.secret().reveal());

		assertThat(this.http.delete(path, Http.bearer(this.admin)).status()).isEqualTo(204);

		assertThat(this.oauth.introspect(this.app, strangersPersonal).isActive()).isFalse();
		assertThat(this.oauth.introspect(this.app, otherAppsOwn).isActive()).isFalse();
		assertThat(this.audit.find(new SecurityEventQuery(this.owner.id(), null, "root", null, null, 10)))
			.allSatisfy((event) -> assertThat(event.details()).containsEntry("client_id", this.app.app().clientId()))
			.extracting((event) -> event.action())
			.containsExactly(SecurityAction.RESOURCE_SERVER_UNMARKED, SecurityAction.RESOURCE_SERVER_MARKED);
	}

	@Test
	void resourceServerWhenMarkedWithAResourceUrlThenShownAndAnInsecureOneRefused() throws Exception {
		String path = "/api/v1/admin/apps/" + this.app.app().clientId() + "/resource-server";
		Http.Response insecure = this.http.putJson(path, "{\"resource_url\":\"http://notes.example/api\"}",
				Http.bearer(this.admin));
		assertThat(insecure.status()).isEqualTo(422);
		assertThat(insecure.body()).contains("resource_url");

		assertThat(this.http.putJson(path, "{\"resource_url\":\"https://notes.example/api\"}", Http.bearer(this.admin))
			.status()).isEqualTo(204);

		Http.Response shown = this.http.get("/api/v1/admin/apps/" + this.app.app().clientId(), Http.bearer(this.admin));
		assertThat(shown.json().get("resource_url").asString()).isEqualTo("https://notes.example/api");
		assertThat(this.audit.find(new SecurityEventQuery(this.owner.id(), SecurityAction.RESOURCE_SERVER_MARKED, "root",
				null, null, 10))).singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("resource_url", "https://notes.example/api"));
		assertThat(this.http.delete(path, Http.bearer(this.admin)).status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/admin/apps/" + this.app.app().clientId(), Http.bearer(this.admin)).json()
			.path("resource_url").asString(null)).as("unmarked, the URL goes too").isNull();
	}

	@Test
	void resourceServerApiWhenUnknownOrBuiltInAppOrNoAdminScopeThenRefusedAndNothingChanges() throws Exception {
		Http.Response unknown = this.http.put("/api/v1/admin/apps/no-such-app/resource-server", Http.bearer(this.admin));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.http.put("/api/v1/admin/apps/latchkey-cli/resource-server", Http.bearer(this.admin)).status())
			.isEqualTo(422);
		String ownersToken = this.fixtures.token(this.owner, "user").secret().reveal();
		assertThat(this.http.put("/api/v1/admin/apps/" + this.app.app().clientId() + "/resource-server",
				Http.bearer(ownersToken)).status()).isEqualTo(403);
		PageSession notAdmin = new PageSession(this.port);
		notAdmin.signIn(this.owner.username(), TestFixtures.PASSWORD);
		assertThat(notAdmin.get("/admin/apps").statusCode()).isEqualTo(403);

		String strangersPersonal = this.fixtures.token(this.stranger, "user").secret().reveal();
		assertThat(this.oauth.introspect(this.app, strangersPersonal).isActive()).isFalse();
		assertThat(this.http.get("/api/v1/admin/apps/latchkey-cli", Http.bearer(this.admin)).json()
			.get("resource_server").asBoolean()).isFalse();
	}

	@Test
	void resourceServerWhenTickedOnTheAdminPageThenAnyTokenActiveAndUntickedInactive() throws Exception {
		String strangersPersonal = this.fixtures.token(this.stranger, "user").secret().reveal();
		ChromeDriver browser = Browser.shared();
		browser.manage().deleteAllCookies();
		open(browser, "/login");
		Browser.field(browser, "Username").sendKeys("root");
		Browser.field(browser, "Password").sendKeys(ROOT_PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
		open(browser, "/admin");
		Browser.clickAndWait(browser, browser.findElement(By.linkText("All OAuth Apps")));
		Browser.field(browser, "App name, client ID or owner").sendKeys(this.app.app().name());
		Browser.clickAndWait(browser, Browser.button(browser, "Search"));
		Browser.clickAndWait(browser, browser.findElement(By.linkText(this.app.app().name())));

		WebElement box = Browser.field(browser, "Resource server");
		assertThat(box.isSelected()).isFalse();
		box.click();
		Browser.field(browser, "Resource URL").sendKeys("https://notes.example/api");
		Browser.clickAndWait(browser, Browser.button(browser, "Save"));
		Browser.screenshot(browser, "admin-app-resource-server");

		assertThat(browser.findElement(By.className("notice")).getText()).contains("is a resource server");
		assertThat(Browser.field(browser, "Resource server").isSelected()).isTrue();
		assertThat(Browser.field(browser, "Resource URL").getDomProperty("value")).isEqualTo("https://notes.example/api");
		assertThat(this.oauth.introspect(this.app, strangersPersonal).getUsername())
			.isEqualTo(this.stranger.username());

		Browser.field(browser, "Resource server").click();
		Browser.clickAndWait(browser, Browser.button(browser, "Save"));

		assertThat(Browser.field(browser, "Resource server").isSelected()).isFalse();
		assertThat(this.oauth.introspect(this.app, strangersPersonal).isActive()).isFalse();
	}

	private void open(ChromeDriver browser, String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private String clientCredentials(RegisteredApp client) throws Exception {
		return this.oauth.token(OAuthTestSupport.basic(client), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
	}

	/** The user approves the app in the authorization code flow; the app gets an access and a refresh token. */
	private Tokens grant(Account user, RegisteredApp client) throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
		var code = this.oauth.code(browser, this.oauth.authorizationRequest(client, "user").build());
		return this.oauth.exchange(OAuthTestSupport.basic(client), code, null).toSuccessResponse().getTokens();
	}

	private Http.Response introspectRaw(RegisteredApp caller, String token) {
		return this.http.post("/oauth2/introspect", "application/x-www-form-urlencoded", "token=" + token,
				Http.basic(caller.app().clientId(), caller.secret().reveal()));
	}

}
