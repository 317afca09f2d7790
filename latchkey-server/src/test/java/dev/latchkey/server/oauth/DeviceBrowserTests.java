package dev.latchkey.server.oauth;

import java.time.Duration;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-click attack on the device flow, in Chromium: a user who approved the CLI once
 * opens someone else's {@code verification_uri_complete}. The link fills the code in and
 * nothing more; their poll keeps waiting, and continuing shows the consent page with its
 * warning instead of approving.
 */
@LatchkeyTest
class DeviceBrowserTests {

	private static final String CLI = "latchkey-cli";

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MutableClock clock;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@Test
	void linkWhenCliApprovedBeforeThenOnlyFillsTheCodeAndContinuingAsksAgainWithAWarning() throws Exception {
		browser.manage().deleteAllCookies();
		Account user = this.fixtures.user();
		open("/login");
		Browser.field(browser, "Username").sendKeys(user.username());
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));

		DeviceAuthorizationSuccessResponse mine = start();
		open("/device");
		Browser.field(browser, "Code").sendKeys(mine.getUserCode().getValue());
		Browser.clickAndWait(browser, Browser.button(browser, "Continue"));
		Browser.clickAndWait(browser, Browser.button(browser, "Authorize Latchkey CLI"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Congratulations, you're all set!");

		DeviceAuthorizationSuccessResponse theirs = start();
		browser.get(theirs.getVerificationURIComplete().toString());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Device activation");
		assertThat(Browser.field(browser, "Code").getAttribute("value")).isEqualTo(theirs.getUserCode().getValue());
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(poll(theirs).toErrorResponse().getErrorObject().getCode()).isEqualTo("authorization_pending");

		Browser.clickAndWait(browser, Browser.button(browser, "Continue"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Latchkey CLI");
		assertThat(browser.findElement(By.className("user-code")).getText()).isEqualTo(theirs.getUserCode().getValue());
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Only continue if you started this yourself");
		Browser.screenshot(browser, "device-consent-warning");
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(poll(theirs).toErrorResponse().getErrorObject().getCode()).isEqualTo("authorization_pending");
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private DeviceAuthorizationSuccessResponse start() throws Exception {
		return DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
				new OAuthTestSupport(this.port).endpoint("/oauth2/device_authorization"), new ClientID(CLI),
				Scope.parse("user tokens:write"))
			.toHTTPRequest()
			.send()).toSuccessResponse();
	}

	private TokenResponse poll(DeviceAuthorizationSuccessResponse device) throws Exception {
		return TokenResponse.parse(new TokenRequest(new OAuthTestSupport(this.port).endpoint("/oauth2/token"),
				new ClientID(CLI), new DeviceCodeGrant(device.getDeviceCode()))
			.toHTTPRequest()
			.send());
	}

}
