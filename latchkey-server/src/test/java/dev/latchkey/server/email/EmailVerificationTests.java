package dev.latchkey.server.email;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified email in a real headless Chromium, with the mail read from a real SMTP server
 * (GreenMail): sign-up mails a link, an unverified address gets nothing else, and a new address
 * is verified again while the old one is told.
 */
@LatchkeyTest
class EmailVerificationTests {

	private static final Pattern LINK = Pattern.compile("https?://\\S+(/verify_email/[A-Za-z0-9_-]+)");

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	MailTestSupport mail;

	@Autowired
	AccountStore accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	DataSource dataSource;

	String username;

	String email;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@BeforeEach
	void signUp() {
		this.username = "verify-" + System.nanoTime() % 1_000_000;
		this.email = this.username + "@example.com";
		browser.manage().deleteAllCookies();
		open("/signup");
		Browser.field(browser, "Username").sendKeys(this.username);
		Browser.field(browser, "Email").sendKeys(this.email);
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Create account"));
	}

	@Test
	void signUpWhenLinkFollowedThenVerifiedAndOnlyThenOtherMailIsSent() throws Exception {
		open("/settings/emails");
		assertThat(browser.findElement(By.cssSelector("[data-testid=email]")).getText()).contains("Unverified");
		new PageSession(this.port).submit("/password_reset", "/password_reset", "email=" + this.email);
		this.mail.sendAll();
		List<MimeMessage> received = this.mail.to(this.email);
		assertThat(received).as("the verification link, and no reset link").singleElement()
			.satisfies((message) -> assertThat(message.getSubject()).isEqualTo("Verify your email address for Latchkey"));
		String link = link(received.get(0));
		assertThat(TestDatabases.dumpAllValues(this.dataSource)).as("neither the secret nor the sent link is kept")
			.doesNotContain(link.substring(link.lastIndexOf('/') + 1));

		browser.manage().deleteAllCookies();
		open(link);
		assertThat(heading()).as("works signed out").isEqualTo("Email verified");
		open(link);
		assertThat(heading()).as("once").isEqualTo("Link expired");

		Account account = this.accounts.findByUsername(this.username).orElseThrow();
		assertThat(account.emailVerified()).isTrue();
		assertThat(this.accounts.addressOf(account.id())).hasValue(this.email);
		new PageSession(this.port).submit("/password_reset", "/password_reset", "email=" + this.email);
		this.mail.sendAll();
		assertThat(this.mail.to(this.email)).hasSize(2);
		assertThat(this.audit.find(new SecurityEventQuery(account.id(), SecurityAction.EMAIL_VERIFIED, null, null,
				null, 10))).hasSize(1);
	}

	@Test
	void emailWhenChangedThenNewAddressVerifiedAgainAndOldOneTold() throws Exception {
		this.mail.sendAll();
		open(link(this.mail.deliveredTo(this.email)));
		String newEmail = "new-" + this.email;

		open("/settings/emails");
		Browser.field(browser, "Email").sendKeys(newEmail);
		Browser.clickAndWait(browser, Browser.button(browser, "Change email"));

		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Email changed.");
		assertThat(browser.findElement(By.cssSelector("[data-testid=email]")).getText()).contains(newEmail)
			.contains("Unverified");
		this.mail.sendAll();
		assertThat(this.mail.to(this.email)).extracting(MimeMessage::getSubject)
			.contains("Your Latchkey email address was changed");
		Account account = this.accounts.findByUsername(this.username).orElseThrow();
		assertThat(this.accounts.addressOf(account.id())).as("unverified, so no mail to it yet").isEmpty();

		Browser.clickAndWait(browser, Browser.button(browser, "Resend verification email"));
		this.mail.sendAll();
		List<MimeMessage> toNew = this.mail.to(newEmail);
		assertThat(toNew).hasSize(2);
		open(link(toNew.get(1)));
		assertThat(heading()).isEqualTo("Email verified");
		assertThat(this.accounts.addressOf(account.id())).hasValue(newEmail);

		open("/settings/emails");
		Browser.field(browser, "Email").sendKeys("not an address");
		browser.executeScript("document.getElementById('email').type = 'text'");
		Browser.clickAndWait(browser, Browser.button(browser, "Change email"));
		assertThat(browser.findElement(By.className("field-error")).getText())
			.isEqualTo("Email doesn't look like an email address.");
	}

	private static String link(MimeMessage mail) throws Exception {
		Matcher matcher = LINK.matcher(MailTestSupport.text(mail));
		assertThat(matcher.find()).as("a verification link in the mail").isTrue();
		return matcher.group(1);
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

}
