package dev.latchkey.server.twofactor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Browser;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-factor authentication in a real headless Chromium: set up from the settings page with
 * codes computed from the secret the page shows, as an authenticator app would, then sign-in
 * in two steps, recovery codes, "Confirm access" with a code, and turning it off.
 */
@LatchkeyTest
class TwoFactorBrowserTests {

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
	DataSource dataSource;

	@Autowired
	ThrottleProperties throttle;

	Account user;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.shared();
	}

	@BeforeEach
	void signIn() {
		this.user = this.fixtures.user();
		browser.manage().deleteAllCookies();
		signInWithPassword();
		assertThat(heading()).isEqualTo("Personal access tokens");
	}

	@Test
	void twoFactorWhenEnabledThenSeedSealedAndSignInAsksForACodeThatWorksOnce() throws Exception {
		open("/settings/security");
		Browser.clickAndWait(browser, Browser.button(browser, "Enable two-factor authentication"));
		String secret = browser.findElement(By.cssSelector("[data-testid=totp-secret]")).getText();
		assertThat(browser.findElements(By.cssSelector(".qr svg path"))).hasSize(1);
		byte[] seed = new Base32().decode(secret);
		assertThat(seed).hasSize(20);

		long now = Totp.step(this.clock.instant());
		verify(Totp.code(seed, now + 3));
		assertThat(browser.findElement(By.className("error")).getText()).startsWith("That code didn't match.");
		verify(Totp.code(seed, now));

		List<String> recoveryCodes = recoveryCodes();
		assertThat(recoveryCodes).hasSize(10);
		assertThat(events(SecurityAction.TWO_FACTOR_ENABLED)).hasSize(1);
		String everything = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(everything).as("the seed is sealed").doesNotContain(secret);
		assertThat(recoveryCodes).as("recovery codes are hashed").noneMatch(everything::contains);
		open("/settings/security");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("10 of your recovery codes are unused.");

		browser.manage().deleteAllCookies();
		signInWithPassword();
		assertThat(heading()).isEqualTo("Two-factor authentication");
		open("/settings/tokens");
		assertThat(heading()).as("the password alone opens no page").isEqualTo("Sign in to Latchkey");
		open("/login/two-factor");
		secondFactor(Totp.code(seed, now));
		assertThat(browser.findElement(By.className("error")).getText()).as("the code that turned it on is used up")
			.startsWith("Two-factor authentication failed");
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		secondFactor(Totp.code(seed, Totp.step(this.clock.instant())));
		assertThat(heading()).as("back to the page that asked for a sign-in").isEqualTo("Personal access tokens");
		assertThat(events(SecurityAction.SECOND_FACTOR_FAILED)).hasSize(1);
		assertThat(events(SecurityAction.SIGN_IN)).first()
			.satisfies((event) -> assertThat(event.details()).containsEntry("method", "password+authenticator_app"));

		browser.manage().deleteAllCookies();
		signInWithPassword();
		secondFactor(recoveryCodes.get(0).toUpperCase());
		assertThat(heading()).isEqualTo("Personal access tokens");
		assertThat(events(SecurityAction.RECOVERY_CODE_USED)).singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("remaining", "9"));
		browser.manage().deleteAllCookies();
		signInWithPassword();
		secondFactor(recoveryCodes.get(0));
		assertThat(heading()).as("a recovery code works once").isEqualTo("Two-factor authentication");
		assertThat(events(SecurityAction.SECOND_FACTOR_FAILED)).hasSize(2);
	}

	@Test
	void disableWhenSudoExpiredThenAcodeConfirmsAccessAndThePasswordAloneSignsInAgain() {
		byte[] seed = enable();
		open("/settings/security");
		Browser.clickAndWait(browser, Browser.button(browser, "Regenerate recovery codes"));
		assertThat(recoveryCodes()).hasSize(10);
		assertThat(events(SecurityAction.RECOVERY_CODES_REGENERATED)).hasSize(1);

		this.clock.advance(Duration.ofHours(3));
		open("/settings/security");
		Browser.clickAndWait(browser, Browser.button(browser, "Disable two-factor authentication"));
		assertThat(heading()).isEqualTo("Confirm access");
		Browser.field(browser, "Verification code").sendKeys(Totp.code(seed, Totp.step(this.clock.instant())));
		Browser.clickAndWait(browser, Browser.button(browser, "Confirm with a code"));
		assertThat(heading()).isEqualTo("Password and authentication");
		Browser.clickAndWait(browser, Browser.button(browser, "Disable two-factor authentication"));

		assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Two-factor authentication is off.");
		assertThat(events(SecurityAction.TWO_FACTOR_DISABLED)).hasSize(1);
		browser.manage().deleteAllCookies();
		signInWithPassword();
		assertThat(heading()).isEqualTo("Personal access tokens");
	}

	@Test
	void secondFactorWhenGuessedTooOftenThenRefusedEvenTheRightCode() {
		byte[] seed = enable();
		PageSession guesser = new PageSession(this.port);
		guesser.signIn(this.user.username(), TestFixtures.PASSWORD);
		long step = Totp.step(this.clock.instant());
		for (int i = 0; i < this.throttle.secondFactorFailuresPerAccount(); i++) {
			String wrong = String.format("%06d", (Integer.parseInt(Totp.code(seed, step)) + 1 + i) % 1_000_000);
			assertThat(guesser.submit("/login/two-factor", "/login/two-factor", "code=" + wrong).statusCode())
				.isEqualTo(200);
		}

		HttpResponse<String> refused = guesser.submit("/login/two-factor", "/login/two-factor",
				"code=" + Totp.code(seed, step + 1));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(events(SecurityAction.SECOND_FACTOR_THROTTLED)).hasSize(1);
		this.clock.advanceToNext(this.throttle.window());
	}

	@Test
	void passkeyWhenTwoFactorOnThenItServesAsSecondFactorAndConfirmsAccess() {
		enable();
		HasVirtualAuthenticator authenticators = (HasVirtualAuthenticator) browser;
		VirtualAuthenticator authenticator = authenticators.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true));
		try {
			open("/settings/security/passkeys/new");
			Browser.field(browser, "Passkey name").sendKeys("Laptop");
			Browser.clickAndWait(browser, Browser.button(browser, "Add passkey"));

			browser.manage().deleteAllCookies();
			signInWithPassword();
			Browser.clickAndWait(browser, Browser.button(browser, "Use a passkey"));
			open("/settings/security");
			assertThat(heading()).isEqualTo("Password and authentication");

			this.clock.advance(Duration.ofHours(3));
			open("/settings/security/passkeys/new");
			assertThat(heading()).isEqualTo("Confirm access");
			Browser.clickAndWait(browser, Browser.button(browser, "Use a passkey"));
			assertThat(heading()).as("on to where access was asked for").isEqualTo("Add a passkey");
			assertThat(events(SecurityAction.SIGN_IN)).extracting((event) -> event.details().get("method"))
				.containsExactly("passkey", "passkey", "password");
		}
		finally {
			authenticators.removeVirtualAuthenticator(authenticator);
		}
	}

	/** Turns two-factor on through the pages; returns the seed, as the app would hold it. */
	private byte[] enable() {
		open("/settings/security");
		Browser.clickAndWait(browser, Browser.button(browser, "Enable two-factor authentication"));
		byte[] seed = new Base32().decode(browser.findElement(By.cssSelector("[data-testid=totp-secret]")).getText());
		verify(Totp.code(seed, Totp.step(this.clock.instant())));
		assertThat(recoveryCodes()).hasSize(10);
		// The code that turned it on is used up; the next ones are the app's next codes.
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		return seed;
	}

	private void verify(String code) {
		WebElement field = Browser.field(browser, "Verification code");
		field.clear();
		field.sendKeys(code);
		Browser.clickAndWait(browser, Browser.button(browser, "Verify and turn on"));
	}

	private void secondFactor(String code) {
		Browser.field(browser, "Verification code").sendKeys(code);
		Browser.clickAndWait(browser, Browser.button(browser, "Verify"));
	}

	private List<String> recoveryCodes() {
		return browser.findElements(By.cssSelector("[data-testid=recovery-codes] li"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private void signInWithPassword() {
		open("/login");
		Browser.field(browser, "Username").sendKeys(this.user.username());
		Browser.field(browser, "Password").sendKeys(TestFixtures.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
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
