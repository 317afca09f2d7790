package dev.latchkey.server.account;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password and sessions in a real headless Chromium, with a second client signed in to the
 * same account beside it, as a second browser would be.
 */
@LatchkeyTest
class SecuritySettingsBrowserTests {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	Account user;

	PageSession elsewhere;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@BeforeEach
	void signInTwice() {
		this.user = this.fixtures.user();
		this.elsewhere = new PageSession(this.port);
		this.elsewhere.signIn(this.user.username(), TestFixtures.PASSWORD);
		assertThat(this.elsewhere.get("/settings/tokens").statusCode()).isEqualTo(200);
		browser.manage().deleteAllCookies();
		open("/login");
		Browser.field(browser, "Username").sendKeys(this.user.username());
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
	}

	@Test
	void sessionsWhenSignedInTwiceThenBothListedAndSigningOutTheOtherEndsItOnly() {
		open("/settings/sessions");
		List<WebElement> sessions = browser.findElements(By.cssSelector("[data-testid=session]"));
		assertThat(sessions).hasSize(2);
		assertThat(sessions).filteredOn((row) -> row.getText().contains("This session"))
			.singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("Chrome on Linux")
				.containsPattern("From (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1) "));
		WebElement other = sessions.stream().filter((row) -> !row.getText().contains("This session")).findFirst()
			.orElseThrow();
		assertThat(other.getText()).contains("Java");

		Browser.clickAndWait(browser, other.findElement(By.tagName("button")));

		assertThat(browser.findElements(By.cssSelector("[data-testid=session]"))).hasSize(1);
		assertThat(this.elsewhere.get("/settings/tokens").headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/login"));
		open("/settings/tokens");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Personal access tokens");
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.SESSION_REVOKED, null, null,
				null, 10))).hasSize(1);
	}

	@Test
	void signOutEverywhereElseWhenClickedThenOnlyThisSessionRemains() {
		PageSession third = new PageSession(this.port);
		third.signIn(this.user.username(), TestFixtures.PASSWORD);
		open("/settings/sessions");
		assertThat(browser.findElements(By.cssSelector("[data-testid=session]"))).hasSize(3);

		Browser.clickAndWait(browser, Browser.button(browser, "Sign out everywhere else"));

		assertThat(browser.findElements(By.cssSelector("[data-testid=session]"))).singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("This session"));
		assertThat(this.elsewhere.get("/settings/tokens").statusCode()).isEqualTo(302);
		assertThat(third.get("/settings/tokens").statusCode()).isEqualTo(302);
	}

	@Test
	void passwordWhenChangedThenOtherSessionsAndResetLinksEndAndOnlyTheNewPasswordSignsIn() {
		new PageSession(this.port).submit("/password_reset", "/password_reset", "email=" + this.user.email());
		assertThat(unusedResetLinks()).isEqualTo(1);
		open("/settings/security");
		Browser.field(browser, "Current password").sendKeys("not my password");
		Browser.field(browser, "New password").sendKeys(NEW_PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Update password"));
		assertThat(browser.findElement(By.className("field-error")).getText())
			.isEqualTo("Current password is incorrect.");

		// The page's field asks for 12 characters already; the server's rule, past the browser:
		assertThat(this.elsewhere.submit("/settings/security", "/settings/password",
				"current_password=" + PageSession.encode(TestFixtures.PASSWORD) + "&new_password=too+short")
			.body()).contains("Password is too short");
		assertThat(this.elsewhere.get("/settings/tokens").statusCode()).as("nothing changed yet").isEqualTo(200);

		Browser.field(browser, "Current password").sendKeys(TestFixtures.PASSWORD);
		Browser.field(browser, "New password").sendKeys(NEW_PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Update password"));

		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Password changed.");
		open("/settings/tokens");
		assertThat(browser.findElement(By.tagName("h1")).getText()).as("this session goes on")
			.isEqualTo("Personal access tokens");
		assertThat(this.elsewhere.get("/settings/tokens").statusCode()).as("the other session ended").isEqualTo(302);
		assertThat(new PageSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).contains("/login?error"));
		PageSession withNew = new PageSession(this.port);
		withNew.signIn(this.user.username(), NEW_PASSWORD);
		assertThat(withNew.get("/settings/tokens").statusCode()).isEqualTo(200);
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.PASSWORD_CHANGED, null, null,
				null, 10))).hasSize(1);
		assertThat(unusedResetLinks()).as("a link mailed before can't undo the new password").isZero();
	}

	private int unusedResetLinks() {
		return this.jdbc.sql("SELECT COUNT(*) FROM password_resets WHERE account_id = ? AND used_at IS NULL")
			.param(this.user.id())
			.query(Integer.class)
			.single();
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

}
