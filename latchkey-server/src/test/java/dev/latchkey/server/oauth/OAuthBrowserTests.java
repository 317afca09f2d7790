package dev.latchkey.server.oauth;

import java.net.URI;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OAuth App registered in the pages and authorized in a real headless Chromium: sign in,
 * approve on the consent page, land on the app's callback on another origin with a code,
 * exchange it and refresh.
 */
@LatchkeyTest
class OAuthBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@Test
	void appWhenCallbackOnAnotherOriginThenAuthorizedInBrowserAndCodeExchangedAndRefreshed() throws Exception {
		try (CallbackApp app = CallbackApp.start()) {
			authorizeAndExchange(app.callback());
		}
	}

	private void authorizeAndExchange(String callback) throws Exception {
		browser.manage().deleteAllCookies();
		String username = "oauth-" + System.nanoTime() % 1_000_000_000L;
		open("/signup");
		field("Username").sendKeys(username);
		field("Email").sendKeys(username + "@example.com");
		field("Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, button("Create account"));

		open("/settings/developers");
		Browser.clickAndWait(browser, browser.findElement(By.linkText("New OAuth App")));
		field("Application name").sendKeys("Acme Dashboard");
		field("Homepage URL").sendKeys("https://acme.example");
		field("Authorization callback URL").sendKeys(callback);
		Browser.clickAndWait(browser, button("Register application"));
		Browser.screenshot(browser, "oauth-app-registered");
		String clientId = browser.findElement(By.cssSelector("[data-testid=client-id]")).getText();
		String clientSecret = browser.findElement(By.cssSelector("[data-testid=client-secret]")).getText();
		assertThat(clientSecret).matches("^lkc_[0-9A-Za-z]{36}$");
		open("/settings/developers");
		Browser.clickAndWait(browser, browser.findElement(By.linkText("Acme Dashboard")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=client-id]")).getText()).isEqualTo(clientId);
		assertThat(browser.getPageSource()).doesNotContain(clientSecret).contains("lkc_…" + clientSecret.substring(36));

		CodeVerifier verifier = new CodeVerifier();
		AuthorizationRequest request = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
			.endpointURI(URI.create("http://localhost:" + this.port + "/oauth2/authorize"))
			.redirectionURI(URI.create(callback))
			.scope(Scope.parse("user notes:read"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build();
		browser.get(request.toURI().toString());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Acme Dashboard");
		assertThat(browser.getPageSource()).contains("https://acme.example")
			.contains("Read your notebooks and notes")
			.contains("Read your profile");
		assertThat(browser.findElement(By.className("redirect-host")).getText()).isEqualTo("127.0.0.1");
		Browser.screenshot(browser, "oauth-consent");
		Browser.clickAndWait(browser, browser.findElement(By.xpath("//button[normalize-space(.)='Authorize Acme Dashboard']")));
		// A browser that refused the redirect would stay on the consent page.
		new WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(callback));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Signed in to Acme");

		AuthorizationResponse response = AuthorizationResponse.parse(URI.create(browser.getCurrentUrl()));
		assertThat(response.indicatesSuccess()).isTrue();
		assertThat(response.getState()).isEqualTo(request.getState());
		assertThat(response.getIssuer()).as("RFC 9207").hasToString("http://localhost:" + this.port);
		OAuthTestSupport oauth = new OAuthTestSupport(this.port);
		ClientSecretBasic credentials = new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
		TokenResponse tokens = oauth.token(credentials,
				new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(),
						URI.create(callback), verifier));
		assertThat(tokens.indicatesSuccess()).isTrue();
		String access = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
		Http.Response me = new Http(this.port).get("/api/v1/user", Http.bearer(access));
		assertThat(me.json().get("username").asString()).isEqualTo(username);

		TokenResponse refreshed = oauth.token(credentials,
				new RefreshTokenGrant(tokens.toSuccessResponse().getTokens().getRefreshToken()));
		assertThat(refreshed.indicatesSuccess()).isTrue();
		String renewed = refreshed.toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(renewed).isNotEqualTo(access);
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(renewed)).status()).isEqualTo(200);

		open("/settings/applications");
		assertThat(browser.findElement(By.className("app-name")).getText()).isEqualTo("Acme Dashboard");
		assertThat(browser.findElement(By.className("scopes")).getText()).contains("user").contains("notes:read");
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private static WebElement field(String label) {
		return Browser.field(browser, label);
	}

	private static WebElement button(String text) {
		return Browser.button(browser, text);
	}

}
