package dev.latchkey.server.passkey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in a real headless Chromium, made and used by the browser's virtual authenticator
 * (a platform authenticator with user verification, as a laptop's fingerprint reader is).
 */
@LatchkeyTest
class PasskeyBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	MutableClock clock;

	@Autowired
	AccountStore accounts;

	VirtualAuthenticator authenticator;

	Account user;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@BeforeEach
	void signInAndPlugInAnAuthenticator() {
		this.authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true));
		this.user = this.fixtures.user();
		browser.manage().deleteAllCookies();
		open("/login");
		Browser.field(browser, "Username").sendKeys(this.user.username());
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
	}

	@AfterEach
	void unplug() {
		((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(this.authenticator);
	}

	@Test
	void passkeyWhenAddedThenListedAndSignsInOnItsOwn() {
		addPasskey("Work laptop");

		assertThat(browser.findElements(By.cssSelector("[data-testid=passkey]"))).singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("Work laptop").contains("never used"));
		assertThat(this.authenticator.getCredentials()).singleElement()
			.satisfies((credential) -> assertThat(credential.isResidentCredential()).isTrue());
		assertThat(events(SecurityAction.PASSKEY_ADDED)).singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("passkey", "Work laptop"));

		browser.manage().deleteAllCookies();
		open("/login");
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in with a passkey"));

		open("/settings/security");
		assertThat(heading()).isEqualTo("Password and authentication");
		assertThat(browser.findElement(By.className("who")).getText()).isEqualTo(this.user.username());
		assertThat(browser.findElement(By.cssSelector("[data-testid=passkey]")).getText()).contains("last used");
		assertThat(events(SecurityAction.SIGN_IN)).first()
			.satisfies((event) -> assertThat(event.details()).containsEntry("method", "passkey"));
	}

	@Test
	void passkeyWhenDeletedThenItNoLongerSignsIn() {
		addPasskey("Old phone");
		Browser.clickAndWait(browser, Browser.button(browser, "Delete"));
		assertThat(browser.findElements(By.cssSelector("[data-testid=passkey]"))).isEmpty();
		assertThat(events(SecurityAction.PASSKEY_REMOVED)).hasSize(1);

		browser.manage().deleteAllCookies();
		open("/login");
		Browser.button(browser, "Sign in with a passkey").click();

		WebElement error = browser.findElement(By.cssSelector("[data-passkey-error]"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((page) -> error.isDisplayed());
		assertThat(heading()).isEqualTo("Sign in to Latchkey");
	}

	@Test
	void passkeyWhenAccountSuspendedThenNoSignIn() {
		addPasskey("Laptop");
		this.accounts.setSuspended(this.user.id(), Instant.now());
		try {
			browser.manage().deleteAllCookies();
			open("/login");
			Browser.button(browser, "Sign in with a passkey").click();
			WebElement error = browser.findElement(By.cssSelector("[data-passkey-error]"));
			new WebDriverWait(browser, Duration.ofSeconds(10)).until((page) -> error.isDisplayed());
			open("/settings/security");
			assertThat(heading()).isEqualTo("Sign in to Latchkey");
		}
		finally {
			this.accounts.setSuspended(this.user.id(), null);
		}
	}

	@Test
	void registrationWhenSudoExpiredThenRefusedAndThePageAsksToConfirmAccess() {
		PageSession session = new PageSession(this.port);
		session.signIn(this.user.username(), TestFixtures.PASSWORD);
		this.clock.advance(Duration.ofHours(3));

		String csrf = PageSession.csrf(session.get("/settings/security").body());
		assertThat(session.post("/webauthn/register/options?_csrf=" + csrf, "").statusCode()).isEqualTo(403);
		open("/settings/security/passkeys/new");
		assertThat(heading()).isEqualTo("Confirm access");
	}

	private void addPasskey(String name) {
		open("/settings/security");
		Browser.clickAndWait(browser, browser.findElement(By.linkText("Add a passkey")));
		Browser.field(browser, "Passkey name").sendKeys(name);
		Browser.clickAndWait(browser, Browser.button(browser, "Add passkey"));
		assertThat(heading()).isEqualTo("Password and authentication");
	}

	private List<SecurityEvent> events(SecurityAction action) {
		return this.audit.find(new SecurityEventQuery(this.user.id(), action, null, null, null, 20));
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

}
