package dev.latchkey.server.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Forgot password?" end to end: the form in Chromium, the link through a real SMTP server,
 * and the rules (one use, one hour, the same answer for every address, a limit on asking)
 * over HTTP.
 */
@LatchkeyTest
class PasswordResetTests {

	private static final String NEW_PASSWORD = "a fresh start at last";

	private static final Pattern LINK = Pattern.compile("https?://\\S+(/password_reset/[A-Za-z0-9_-]+)");

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MutableClock clock;

	@Autowired
	ThrottleProperties throttle;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@BeforeEach
	@AfterEach
	void freshWindow() {
		this.clock.advanceToNext(this.throttle.window());
	}

	@Test
	void resetWhenAskedInTheBrowserThenTheMailedLinkSetsANewPasswordAndEndsEverySession() throws Exception {
		Account user = this.fixtures.user();
		PageSession elsewhere = new PageSession(this.port);
		elsewhere.signIn(user.username(), TestFixtures.PASSWORD);
		ChromeDriver browser = Browser.shared();
		browser.manage().deleteAllCookies();
		open(browser, "/login");
		Browser.clickAndWait(browser, browser.findElement(By.linkText("Forgot password?")));
		Browser.field(browser, "Email").sendKeys(user.email());
		Browser.clickAndWait(browser, Browser.button(browser, "Send password reset email"));
		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("If an account has that email");

		String link = link(this.mail.deliveredTo(user.email()));
		String secret = link.substring(link.lastIndexOf('/') + 1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND sent_at IS NOT NULL")
			.param(user.email())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(TestDatabases.dumpAllValues(this.dataSource))
			.as("only a hash of the link is stored, and the sent mail keeps no link")
			.doesNotContain(secret);
		open(browser, link);
		Browser.field(browser, "New password").sendKeys(NEW_PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Change password"));

		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Your password is changed");
		Browser.field(browser, "Username").sendKeys(user.username());
		Browser.field(browser, "Password").sendKeys(NEW_PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Personal access tokens");
		assertThat(elsewhere.get("/settings/tokens").statusCode()).as("the other session ended").isEqualTo(302);
		assertThat(location(new PageSession(this.port).signIn(user.username(), TestFixtures.PASSWORD)))
			.endsWith("/login?error");
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), SecurityAction.PASSWORD_RESET, null, null, null,
				10))).hasSize(1);
	}

	@Test
	void requestWhenTheAddressHasNoAccountThenTheSameAnswerAndNoMail() throws Exception {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);
		HttpResponse<String> known = page.submit("/password_reset", "/password_reset", "email=" + user.email());
		HttpResponse<String> unknown = page.submit("/password_reset", "/password_reset", "email=nobody%40example.com");
		assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(200);
		assertThat(notice(unknown.body())).isEqualTo(notice(known.body()));
		this.mail.sendAll();
		assertThat(this.mail.to("nobody@example.com")).isEmpty();
		assertThat(this.mail.to(user.email())).hasSize(1);
	}

	@Test
	void linkWhenUsedOnceOrAnHourOldThenItNoLongerWorks() throws Exception {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);
		page.submit("/password_reset", "/password_reset", "email=" + user.email());
		page.submit("/password_reset", "/password_reset", "email=" + user.email());
		this.mail.sendAll();
		String first = link(this.mail.to(user.email()).get(0));
		String second = link(this.mail.to(user.email()).get(1));

		assertThat(page.submit(first, first, "new_password=too+short").body()).contains("Password is too short");
		assertThat(location(page.submit(first, first, "new_password=" + PageSession.encode(NEW_PASSWORD))))
			.endsWith("/login?reset");
		assertThat(page.get(first).statusCode()).as("used once").isEqualTo(410);
		assertThat(page.get(second).statusCode()).as("the other link ended with the reset").isEqualTo(410);

		page.submit("/password_reset", "/password_reset", "email=" + user.email());
		this.mail.sendAll();
		String third = link(this.mail.to(user.email()).get(2));
		assertThat(page.get(third).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofHours(1));
		assertThat(page.get(third).statusCode()).as("an hour later").isEqualTo(410);
	}

	@Test
	void requestWhenAskedTooOftenForOneAddressThenRefusedWithoutMail() throws Exception {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);
		for (long i = 0; i < this.throttle.passwordResetsPerEmail(); i++) {
			assertThat(page.submit("/password_reset", "/password_reset", "email=" + user.email()).statusCode())
				.isEqualTo(200);
		}
		assertThat(page.submit("/password_reset", "/password_reset", "email=" + user.email()).statusCode())
			.isEqualTo(429);
		this.mail.sendAll();
		assertThat(this.mail.to(user.email())).hasSize((int) this.throttle.passwordResetsPerEmail());
	}

	private void open(ChromeDriver browser, String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private static String link(MimeMessage mail) throws Exception {
		Matcher matcher = LINK.matcher(MailTestSupport.text(mail));
		assertThat(matcher.find()).as("a reset link in the mail").isTrue();
		return matcher.group(1);
	}

	private static String notice(String page) {
		Matcher matcher = Pattern.compile("class=\"notice\"[^>]*>([^<]*)<").matcher(page);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

}
