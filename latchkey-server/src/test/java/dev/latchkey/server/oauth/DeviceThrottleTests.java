package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device flow's limits over real HTTP, with a real OAuth client library for the device's
 * side: device authorization requests per address per hour, and user-code guesses at
 * {@code /device}. Each test starts and ends past the hour, so every window is fresh and no
 * other test inherits these counts.
 */
@LatchkeyTest
class DeviceThrottleTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	MutableClock clock;

	@Autowired
	ThrottleProperties throttle;

	OAuthTestSupport oauth;

	Account user;

	RegisteredApp cli;

	@BeforeEach
	void setUp() {
		freshWindows();
		this.oauth = new OAuthTestSupport(this.port);
		this.user = this.fixtures.user();
		this.cli = this.apps.register(this.user.id(),
				new AppForm("latchkey CLI", "https://cli.example", null, OAuthTestSupport.CALLBACK, "public"));
	}

	@AfterEach
	void freshWindows() {
		this.clock.advanceToNext(Duration.ofHours(1));
	}

	@Test
	void deviceAuthorizationWhenAddressUsedItsHourThenTooManyRequestsAsOAuthJson() throws Exception {
		long limit = this.throttle.deviceAuthorizationsPerAddressPerHour();
		for (int i = 0; i < limit; i++) {
			assertThat(DeviceAuthorizationResponse.parse(start()).indicatesSuccess()).isTrue();
		}

		HTTPResponse refused = start();
		assertThat(refused.getStatusCode()).isEqualTo(429);
		assertThat(refused.getHeaderValue("Content-Type")).startsWith("application/json");
		assertThat(refused.getBodyAsJSONObject().get("error")).isEqualTo("too_many_requests");
		assertThat(Long.parseLong(refused.getHeaderValue("Retry-After"))).isBetween(1L, 3600L);

		this.clock.advance(Duration.ofHours(1));
		assertThat(DeviceAuthorizationResponse.parse(start()).indicatesSuccess()).as("a new hour").isTrue();
	}

	@Test
	void codeEntryWhenTenUnknownCodesThenTooManyAttemptsEvenForARealCode() throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		for (int i = 0; i < 10; i++) {
			assertThat(BrowserSession.location(enter(browser, "ZZZZ-ZZZ" + (char) ('A' + i)))).endsWith("/device?error");
		}
		String realCode = DeviceAuthorizationResponse.parse(start()).toSuccessResponse().getUserCode().getValue();

		HttpResponse<String> guess = enter(browser, "ZZZZ-ZZZZ");
		assertThat(guess.statusCode()).isEqualTo(429);
		assertThat(guess.body()).contains("Too many attempts, try again in 15 minutes.");
		assertThat(guess.headers().firstValue("Retry-After")).isPresent();
		assertThat(enter(browser, realCode).statusCode())
			.as("refused before the code is looked at")
			.isEqualTo(429);

		this.clock.advance(this.throttle.window());
		assertThat(BrowserSession.location(enter(browser, realCode))).contains("/oauth2/consent");
	}

	@Test
	void codeEntryWhenOneAccountGuessedFromAnAddressThenAnotherAccountThereIsRefusedToo() {
		BrowserSession guesser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		for (int i = 0; i < this.throttle.userCodeFailuresPerAddress(); i++) {
			enter(guesser, "ZZZZ-ZZZ" + (char) ('A' + i));
		}
		Account other = this.fixtures.user();
		BrowserSession neighbour = new BrowserSession(this.port).signIn(other.username(), TestFixtures.PASSWORD);

		assertThat(enter(neighbour, "ZZZZ-ZZZZ").statusCode()).isEqualTo(429);
	}

	@Test
	void codeEntryWhenDevicesDeniedOnTheConsentPageThenNotCountedAsGuesses() throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		for (int i = 0; i <= this.throttle.userCodeFailuresPerAddress(); i++) {
			String code = DeviceAuthorizationResponse.parse(start()).toSuccessResponse().getUserCode().getValue();
			String consent = BrowserSession.location(enter(browser, code));
			Map<String, List<String>> query = URLUtils.parseParameters(URI.create(consent).getRawQuery());
			String page = browser.get(consent).body();
			// Cancel: the consent form without any scope.
			assertThat(BrowserSession.location(browser.post("/device/verify", Map.of("client_id",
					query.get("client_id").get(0), "state", query.get("state").get(0), "user_code", code, "_csrf",
					BrowserSession.csrf(page))))).endsWith("/device?error");
		}
		String realCode = DeviceAuthorizationResponse.parse(start()).toSuccessResponse().getUserCode().getValue();

		assertThat(BrowserSession.location(enter(browser, realCode))).contains("/oauth2/consent");
	}

	/** Enters a code on the device page and continues, as a person does. */
	private static HttpResponse<String> enter(BrowserSession browser, String code) {
		String page = browser.get("/device").body();
		return browser.post("/device/verify", Map.of("user_code", code, "_csrf", BrowserSession.csrf(page)));
	}

	private HTTPResponse start() throws Exception {
		return new DeviceAuthorizationRequest(this.oauth.endpoint("/oauth2/device_authorization"),
				new ClientID(this.cli.app().clientId()), Scope.parse("user"))
			.toHTTPRequest()
			.send();
	}

}
