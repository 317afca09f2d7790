package dev.latchkey.server.token;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.TestResourceServer.NotebookList;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.check.LastUsedRecorder;
import dev.latchkey.server.resource.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings → Personal access tokens in a real headless Chromium, as a person clicks it.
 */
@LatchkeyTest
class TokenSettingsBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	LastUsedRecorder lastUsed;

	@Autowired
	MutableClock clock;

	@Autowired
	AccountStore accounts;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	NotebookList notebooks;

	Http http;

	String username;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@BeforeEach
	void signUp() {
		this.http = new Http(this.port);
		browser.manage().deleteAllCookies();
		this.username = "browser-" + System.nanoTime() % 1_000_000_000L;
		open("/signup");
		field("Username").sendKeys(this.username);
		field("Email").sendKeys(this.username + "@example.com");
		field("Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, button("Create account"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Personal access tokens");
	}

	@Test
	void tokenWhenGeneratedRegeneratedAndRevokedThenApiFollowsEachStep() {
		Browser.clickAndWait(browser, link("Generate new token"));
		Browser.screenshot(browser, "generate-form");
		field("Note").sendKeys("laptop");
		assertThat(new Select(field("Expiration")).getFirstSelectedOption().getText()).isEqualTo("30 days");
		field("user").click();
		Browser.clickAndWait(browser, button("Generate token"));

		String first = browser.findElement(By.cssSelector("[data-testid=new-token]")).getText();
		Browser.screenshot(browser, "new-token");
		assertThat(first).matches("^lkp_[0-9A-Za-z]{36}$");
		assertThat(browser.getPageSource()).contains("won't be able to see it again");
		assertThat(button("Copy token").isDisplayed()).isTrue();
		Http.Response me = this.http.get("/api/v1/user", Http.bearer(first));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(this.username);

		this.lastUsed.flush();
		open("/settings/tokens");
		assertThat(browser.getPageSource()).doesNotContain(first);
		WebElement row = tokenRow("laptop");
		assertThat(row.findElement(By.className("scopes")).getText()).contains("user");
		assertThat(row.findElement(By.className("last-used")).getText()).isEqualTo("Last used just now");
		assertThat(row.findElement(By.className("last-used-ip")).getText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

		Browser.screenshot(browser, "token-list");
		Browser.clickAndWait(browser, row.findElement(By.linkText("Regenerate")));
		new Select(field("Expiration")).selectByVisibleText("7 days");
		Browser.clickAndWait(browser, button("Regenerate token"));
		String second = browser.findElement(By.cssSelector("[data-testid=new-token]")).getText();
		assertThat(second).matches("^lkp_[0-9A-Za-z]{36}$").isNotEqualTo(first);
		assertThat(this.http.get("/api/v1/user", Http.bearer(first)).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/user", Http.bearer(second)).status()).isEqualTo(200);

		open("/settings/tokens");
		Browser.clickAndWait(browser, tokenRow("laptop").findElement(By.linkText("Revoke")));
		Browser.clickAndWait(browser, button("I understand, revoke this token"));
		assertThat(browser.findElement(By.className("notice")).getText()).contains("Revoked token \"laptop\"");
		assertThat(browser.findElements(By.cssSelector("li.token"))).isEmpty();
		assertThat(this.http.get("/api/v1/user", Http.bearer(second)).status()).isEqualTo(401);
	}

	@Test
	void pickerWhenOnlySelectNotebooksThenTokenReachesThoseAlone() {
		this.notebooks.give(this.username, new Resource("12", "Work"), new Resource("40", "Diary"));
		Browser.clickAndWait(browser, link("Generate new token"));
		field("Note").sendKeys("work notes");
		field("notes:read").click();
		assertThat(field("Work").isDisplayed()).as("the list shows only once Only select is chosen").isFalse();
		field("Only select notebooks").click();
		assertThat(field("Work").isDisplayed()).isTrue();
		field("Work").click();
		Browser.screenshot(browser, "resource-picker");
		Browser.clickAndWait(browser, button("Generate token"));

		String token = browser.findElement(By.cssSelector("[data-testid=new-token]")).getText();
		assertThat(tokenRow("work notes").findElement(By.className("limits")).getText()).isEqualTo("Only notebook: Work");
		Http.Response self = this.http.get("/api/v1/tokens/self", Http.bearer(token));
		assertThat(self.json().get("resources").get("notebook").values()).extracting((id) -> id.asString())
			.containsExactly("12");
	}

	@Test
	void pickerWhenOnlySelectButNoneTickedThenErrorKeepsTheChoiceAndNothingCreated() {
		this.notebooks.give(this.username, new Resource("12", "Work"));
		Browser.clickAndWait(browser, link("Generate new token"));
		field("Note").sendKeys("nothing ticked");
		field("notes:read").click();
		field("Only select notebooks").click();
		Browser.clickAndWait(browser, button("Generate token"));

		assertThat(browser.findElements(By.className("field-error")).stream().map(WebElement::getText))
			.contains("Select at least one of your notebooks, or choose All notebooks.");
		assertThat(field("Only select notebooks").isSelected()).isTrue();
		open("/settings/tokens");
		assertThat(browser.findElements(By.cssSelector("li.token"))).isEmpty();
	}

	@Test
	void newTokenWhenNoExpirationChosenThenWarningIsVisible() {
		Browser.clickAndWait(browser, link("Generate new token"));
		WebElement warning = browser.findElement(By.cssSelector("[data-no-expiration-warning]"));
		assertThat(warning.isDisplayed()).isFalse();
		new Select(field("Expiration")).selectByVisibleText("No expiration");
		assertThat(warning.isDisplayed()).isTrue();
		assertThat(warning.getText()).contains("not recommended");
		new Select(field("Expiration")).selectByVisibleText("Custom…");
		assertThat(field("Custom expiration date").isDisplayed()).isTrue();
	}

	@Test
	void newTokenWhenFormIncompleteThenInlineErrorsAndNothingCreated() {
		Browser.clickAndWait(browser, link("Generate new token"));
		Browser.clickAndWait(browser, button("Generate token"));
		List<String> errors = browser.findElements(By.className("field-error")).stream().map(WebElement::getText).toList();
		assertThat(errors).contains("Name can't be blank.", "Select at least one scope.");
		open("/settings/tokens");
		assertThat(browser.findElements(By.cssSelector("li.token"))).isEmpty();
	}

	@Test
	void newTokenWhenSudoModeLapsedThenConfirmAccessFirstAndContinue() {
		this.clock.advance(Duration.ofHours(2).plusMinutes(1));
		Browser.clickAndWait(browser, link("Generate new token"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm access");
		field("Password").sendKeys("not my password");
		Browser.clickAndWait(browser, button("Confirm"));
		assertThat(browser.findElement(By.className("error")).getText()).isEqualTo("Incorrect password.");
		field("Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, button("Confirm"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New personal access token");
	}

	@Test
	void listWhenTokenExpiredThenMarkedExpired() {
		long accountId = this.accounts.findByUsername(this.username).orElseThrow().id();
		this.fixtures.token(this.accounts.findById(accountId).orElseThrow(), new Expiration.InDays(1), "user");
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		open("/settings/tokens");
		WebElement row = browser.findElement(By.cssSelector("li.token"));
		assertThat(row.findElement(By.className("expired")).getText()).isEqualTo("Expired");
		assertThat(row.findElement(By.className("expires")).getText()).startsWith("Expired on ");
		assertThat(row.findElement(By.className("last-used")).getText()).isEqualTo("Never used");
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

	private static WebElement link(String text) {
		return browser.findElement(By.linkText(text));
	}

	private static WebElement tokenRow(String name) {
		return browser.findElement(By.xpath("//li[contains(@class,'token')][.//strong[normalize-space(.)='" + name + "']]"));
	}

}
