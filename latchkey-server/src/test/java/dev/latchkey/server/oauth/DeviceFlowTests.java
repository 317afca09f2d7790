package dev.latchkey.server.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device authorization grant (RFC 8628) as a CLI uses it: the device polls while a
 * signed-in user enters the code at {@code /device} and approves.
 */
@LatchkeyTest
class DeviceFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	OAuthTestSupport oauth;

	Account user;

	RegisteredApp cli;

	BrowserSession browser;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.user = this.fixtures.user();
		this.cli = this.apps.register(this.user.id(),
				new AppForm("latchkey CLI", "https://cli.example", null, OAuthTestSupport.CALLBACK, "public"));
		this.browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
	}

	@Test
	void deviceFlowWhenUserApprovesThenPollingDeviceGetsTokens() throws Exception {
		DeviceAuthorizationSuccessResponse device = start("user tokens:read");
		assertThat(device.getVerificationURI()).isEqualTo(URI.create("http://localhost:" + this.port + "/device"));

		assertPollError(poll(device), "authorization_pending");
		assertPollError(poll(device), "slow_down");
		this.clock.advance(Duration.ofSeconds(6));

		approve(device, true);

		this.clock.advance(Duration.ofSeconds(6));
		TokenResponse tokens = poll(device);
		assertThat(tokens.indicatesSuccess()).isTrue();
		String access = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(access).startsWith("lko_");
		assertThat(tokens.toSuccessResponse().getTokens().getRefreshToken().getValue()).startsWith("lkr_");
		Http.Response me = new Http(this.port).get("/api/v1/user", Http.bearer(access));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(this.user.username());
	}

	@Test
	void deviceFlowWhenUserDeniesThenAccessDenied() throws Exception {
		DeviceAuthorizationSuccessResponse device = start("user");
		approve(device, false);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(device), "access_denied");
	}

	@Test
	void deviceFlowWhenDeviceCodeExpiredThenExpiredToken() throws Exception {
		DeviceAuthorizationSuccessResponse device = start("user");
		// The code was issued 20 minutes ago and lapsed 5 minutes ago.
		java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
		this.jdbc.sql("""
				UPDATE oauth2_authorizations
				SET device_code_issued_at = ?, device_code_expires_at = ?, user_code_issued_at = ?, user_code_expires_at = ?
				WHERE device_code_hash = ?""")
			.params(now.minusMinutes(20), now.minusMinutes(5), now.minusMinutes(20), now.minusMinutes(5),
					TokenSecret.sha256Hex(device.getDeviceCode().getValue()))
			.update();
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(device), "expired_token");
	}

	@Test
	void devicePageWhenCodeUnknownThenSaysSo() {
		String location = BrowserSession.location(this.browser.get("/device?user_code=ZZZZ-ZZZZ"));
		assertThat(location).endsWith("/device?error");
		assertThat(this.browser.get(location).body()).contains("unknown or has expired");
	}

	private DeviceAuthorizationSuccessResponse start(String scope) throws Exception {
		DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
				this.oauth.endpoint("/oauth2/device_authorization"), new ClientID(this.cli.app().clientId()),
				Scope.parse(scope))
			.toHTTPRequest()
			.send());
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse();
	}

	private void approve(DeviceAuthorizationSuccessResponse device, boolean approve) {
		String entry = this.browser.get("/device").body();
		assertThat(entry).contains("Enter the code");
		String consent = BrowserSession.location(this.browser.get("/device?user_code=" + device.getUserCode().getValue()));
		assertThat(consent).contains("/oauth2/consent");
		assertThat(this.browser.get(consent).body()).contains("latchkey CLI").contains(device.getUserCode().getValue());
		Map<String, List<String>> query = URLUtils.parseParameters(URI.create(consent).getRawQuery());
		StringBuilder form = new StringBuilder("client_id=" + query.get("client_id").get(0) + "&state="
				+ BrowserSession.encode(query.get("state").get(0)) + "&user_code="
				+ BrowserSession.encode(query.get("user_code").get(0)));
		if (approve) {
			for (String scope : query.get("scope").get(0).split(" ")) {
				form.append("&scope=").append(BrowserSession.encode(scope));
			}
		}
		String result = BrowserSession.location(this.browser.postRaw("/device", form.toString()));
		if (approve) {
			assertThat(result).endsWith("/device?success");
			assertThat(this.browser.get(result).body()).contains("you're all set");
		}
	}

	private TokenResponse poll(DeviceAuthorizationSuccessResponse device) throws Exception {
		return TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
				new ClientID(this.cli.app().clientId()), new DeviceCodeGrant(device.getDeviceCode()))
			.toHTTPRequest()
			.send());
	}

	private static void assertPollError(TokenResponse response, String code) {
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(code);
	}

}
