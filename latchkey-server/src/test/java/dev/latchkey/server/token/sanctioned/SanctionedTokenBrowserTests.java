package dev.latchkey.server.token.sanctioned;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sanctioned token from both sides in a real headless Chromium: the owner sanctions it on
 * their tokens page, the delegate finds the notice, accepts and copies the value.
 */
@LatchkeyTest
class SanctionedTokenBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@Test
	void ownerSanctionsThenDelegateAcceptsAndAloneSeesTheToken() {
		Account owner = this.fixtures.user();
		Account delegate = this.fixtures.user();

		signIn(owner);
		Browser.clickAndWait(browser, link("Sanction a token"));
		field("Username of the person to sanction it for").sendKeys(delegate.username());
		field("Note").sendKeys("read my profile");
		field("user").click();
		Browser.screenshot(browser, "sanction-form");
		Browser.clickAndWait(browser, button("Sanction token"));
		assertThat(browser.findElement(By.className("notice")).getText()).contains("only they will see its value");
		assertThat(browser.findElement(By.className("held-by")).getText())
			.isEqualTo("Sanctioned for " + delegate.username() + " · waiting for acceptance");
		assertThat(browser.findElements(By.cssSelector("[data-testid=new-token]"))).isEmpty();

		signIn(delegate);
		assertThat(browser.findElement(By.className("notice")).getText())
			.contains("A token sanctioned for you waits for your acceptance.");
		Browser.clickAndWait(browser, link("Review tokens sanctioned for you"));
		assertThat(browser.findElement(By.className("owner")).getText()).contains(owner.username());
		Browser.clickAndWait(browser, button("Accept"));
		String token = browser.findElement(By.cssSelector("[data-testid=new-token]")).getText();
		Browser.screenshot(browser, "sanctioned-accepted");

		Http.Response me = new Http(this.port).get("/api/v1/user", Http.bearer(token));
		assertThat(me.json().get("username").asString()).isEqualTo(owner.username());
		browser.get("http://localhost:" + this.port + "/settings/tokens/sanctioned");
		assertThat(browser.getPageSource()).doesNotContain(token);
		assertThat(browser.findElements(By.xpath("//button[normalize-space(.)='Accept']"))).isEmpty();
	}

	private void signIn(Account account) {
		browser.manage().deleteAllCookies();
		browser.get("http://localhost:" + this.port + "/login");
		field("Username").sendKeys(account.username());
		field("Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, button("Sign in"));
		browser.get("http://localhost:" + this.port + "/settings/tokens");
	}

	private static WebElement field(String label) {
		return Browser.field(browser, label);
	}

	private static WebElement button(String text) {
		return Browser.button(browser, text);
	}

	private static WebElement link(String text) {
		return browser.findElement(By.linkText(text));
	}

}
