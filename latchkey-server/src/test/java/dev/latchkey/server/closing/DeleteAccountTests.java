package dev.latchkey.server.closing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Delete your account" in a real headless Chromium: confirmed by the username, it takes the
 * tokens and sessions with it, and leaves the security log's entries.
 */
@LatchkeyTest
class DeleteAccountTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AccountStore accounts;

	@Autowired
	AuditLog audit;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@Test
	void deleteWhenUsernameTypedThenTokensSessionsAndAccountGoAndTheLogStays() {
		Account user = this.fixtures.user();
		String token = this.fixtures.token(user, "user").secret().reveal();
		Http api = new Http(this.port);
		assertThat(api.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		PageSession elsewhere = new PageSession(this.port);
		elsewhere.signIn(user.username(), TestFixtures.PASSWORD);
		signIn(user);

		open("/settings/account");
		Browser.field(browser, "Type your username to confirm").sendKeys("someone-else");
		Browser.clickAndWait(browser, Browser.button(browser, "Delete this account"));
		assertThat(browser.findElement(By.className("field-error")).getText()).startsWith("Type your username");
		assertThat(this.accounts.findById(user.id())).as("nothing deleted yet").isPresent();

		Browser.field(browser, "Type your username to confirm").sendKeys(user.username());
		Browser.clickAndWait(browser, Browser.button(browser, "Delete this account"));

		assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Your account is deleted.");
		assertThat(this.accounts.findByUsername(user.username())).isEmpty();
		assertThat(api.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(401);
		assertThat(elsewhere.get("/settings/tokens").statusCode()).as("every session ended").isEqualTo(302);
		assertThat(new PageSession(this.port).signIn(user.username(), TestFixtures.PASSWORD)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), SecurityAction.ACCOUNT_DELETED, null, null, null,
				10))).hasSize(1);
	}

	@Test
	void deleteWhenTheOnlyAdminThenRefused() {
		Account root = this.fixtures.admin();
		assertThat(this.accounts.admins()).as("root alone, or this test would delete it").isEqualTo(1);
		browser.manage().deleteAllCookies();
		open("/login");
		Browser.field(browser, "Username").sendKeys(root.username());
		Browser.field(browser, "Password").sendKeys("root-password-for-tests");
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));

		open("/settings/account");
		Browser.field(browser, "Type your username to confirm").sendKeys(root.username());
		Browser.clickAndWait(browser, Browser.button(browser, "Delete this account"));

		assertThat(browser.findElement(By.className("field-error")).getText()).startsWith("You are the only admin.");
		assertThat(this.accounts.findById(root.id())).isPresent();
	}

	private void signIn(Account user) {
		browser.manage().deleteAllCookies();
		open("/login");
		Browser.field(browser, "Username").sendKeys(user.username());
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

}
