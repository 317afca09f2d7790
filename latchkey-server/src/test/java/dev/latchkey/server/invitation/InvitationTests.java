package dev.latchkey.server.invitation;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up by invitation, in a real headless Chromium with the invitation read from a real SMTP
 * server: without one the door is shut; an admin's invitation opens it once, for its address.
 */
@LatchkeyTest
@TestPropertySource(properties = "latchkey.accounts.sign-up=invite")
class InvitationTests {

	private static final Pattern LINK = Pattern.compile("https?://\\S+(/signup\\?invitation=[A-Za-z0-9_-]+)");

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	MailTestSupport mail;

	@Autowired
	AccountStore accounts;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@Test
	void signUpWhenInvitedThenOnceForTheInvitedAddressWhichIsVerified() throws Exception {
		PageSession stranger = new PageSession(this.port);
		assertThat(stranger.get("/signup").statusCode()).isEqualTo(403);
		HttpResponse<String> refused = stranger.submit("/login", "/signup",
				"username=stranger&email=stranger%40example.com&password=" + PageSession.encode(TestFixtures.PASSWORD));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.accounts.findByUsername("stranger")).isEmpty();

		String guest = "guest-" + System.nanoTime() % 1_000_000 + "@example.com";
		browser.manage().deleteAllCookies();
		open("/login");
		assertThat(browser.findElements(By.linkText("Create an account"))).isEmpty();
		Browser.field(browser, "Username").sendKeys("root");
		Browser.field(browser, "Password").sendKeys("root-password-for-tests");
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
		open("/admin/invitations");
		Browser.field(browser, "Email").sendKeys(guest);
		Browser.clickAndWait(browser, Browser.button(browser, "Send invitation"));
		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Invitation sent to " + guest);

		this.mail.sendAll();
		Matcher matcher = LINK.matcher(MailTestSupport.text(this.mail.deliveredTo(guest)));
		assertThat(matcher.find()).isTrue();
		String link = matcher.group(1);
		browser.manage().deleteAllCookies();
		open(link);
		assertThat(Browser.field(browser, "Email").getAttribute("value")).isEqualTo(guest);
		// A changed address in the form doesn't count: the invitation is for the one it was mailed to.
		browser.executeScript("document.getElementById('email').removeAttribute('readonly')");
		Browser.field(browser, "Email").clear();
		Browser.field(browser, "Email").sendKeys("someone-else@example.com");
		String username = "guest" + System.nanoTime() % 1_000_000;
		Browser.field(browser, "Username").sendKeys(username);
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Create account"));

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Personal access tokens");
		Account account = this.accounts.findByUsername(username).orElseThrow();
		assertThat(account.email()).isEqualTo(guest);
		assertThat(account.emailVerified()).as("the invitation's link proved the address").isTrue();
		assertThat(new PageSession(this.port).get(link).statusCode()).as("once").isEqualTo(403);
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

}
