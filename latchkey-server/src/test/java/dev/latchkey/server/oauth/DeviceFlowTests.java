package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.http.HttpResponse;
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
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device authorization grant (RFC 8628) as a CLI uses it: the device polls while a
 * signed-in user enters the code at {@code /device} and approves.
 */
@LatchkeyTest
class DeviceFlowTests {

	/** Latchkey's own CLI, the one app that may ask for the token scopes. */
	private static final String CLI = "latchkey-cli";

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

	@Autowired
	AuditLog audit;

	OAuthTestSupport oauth;

	Account user;

	RegisteredApp cli;

	BrowserSession browser;

	/** Which app started each login, by device code, so that the right one polls. */
	final Map<String, String> startedBy = new java.util.HashMap<>();

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
		DeviceAuthorizationSuccessResponse device = start(this.cli.app().clientId(), "user notes:read");
		assertThat(device.getVerificationURI()).isEqualTo(URI.create("http://localhost:" + this.port + "/device"));

		assertPollError(poll(device), "authorization_pending");
		assertPollError(poll(device), "slow_down");
		this.clock.advance(Duration.ofSeconds(6));

		String consent = this.browser.get(enterCode(device)).body();
		assertThat(consent).contains("Authorize latchkey CLI")
			.contains("by <strong>" + this.user.username() + "</strong>")
			.contains(device.getUserCode().getValue())
			.contains("Only continue if you started this yourself")
			.contains("Read your notebooks and notes");
		assertThat(decide(enterCode(device), true)).endsWith("/device?success");

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
		DeviceAuthorizationSuccessResponse device = start(this.cli.app().clientId(), "user");
		decide(enterCode(device), false);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(device), "access_denied");
	}

	@Test
	void deviceFlowWhenDeviceCodeExpiredThenExpiredToken() throws Exception {
		DeviceAuthorizationSuccessResponse device = start(this.cli.app().clientId(), "user");
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
		String entry = this.browser.get("/device").body();
		String location = BrowserSession.location(
				this.browser.post("/device/verify", Map.of("user_code", "ZZZZ-ZZZZ", "_csrf", BrowserSession.csrf(entry))));
		assertThat(location).endsWith("/device?error");
		assertThat(this.browser.get(location).body()).contains("unknown or has expired");
	}

	@Test
	void deviceLinkWhenAppApprovedBeforeThenItOnlyFillsTheCodeInAndTheAttackersPollWaits() throws Exception {
		DeviceAuthorizationSuccessResponse mine = start(CLI, "user tokens:write");
		assertThat(decide(enterCode(mine), true)).endsWith("/device?success");

		// Someone else starts a login with the same app and sends the user the complete link.
		DeviceAuthorizationSuccessResponse theirs = start(CLI, "user tokens:write");
		String code = theirs.getUserCode().getValue();
		HttpResponse<String> link = this.browser.get(theirs.getVerificationURIComplete().toString());
		assertThat(link.statusCode()).isEqualTo(200);
		assertThat(link.body()).contains("value=\"" + code + "\"").doesNotContain("all set");
		// The endpoint behind the page takes no GET: a link to it lands on the page too.
		assertThat(BrowserSession.location(this.browser.get("/device/verify?user_code=" + code)))
			.endsWith("/device?user_code=" + code);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(theirs), "authorization_pending");

		// Continuing still shows the consent page, with the warning, rather than approving.
		String consent = enterCode(theirs);
		assertThat(consent).contains("/oauth2/consent");
		assertThat(this.browser.get(consent).body()).contains("Authorize Latchkey CLI")
			.contains("by <strong>Latchkey</strong>")
			.contains("Only continue if you started this yourself")
			.contains(code);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(theirs), "authorization_pending");
	}

	@Test
	void deviceCodeOrConsentWhenPostedWithoutTheCsrfTokenThenForbidden() throws Exception {
		DeviceAuthorizationSuccessResponse device = start(this.cli.app().clientId(), "user");
		assertThat(this.browser.post("/device/verify", Map.of("user_code", device.getUserCode().getValue())).statusCode())
			.isEqualTo(403);
		String consent = enterCode(device);
		Map<String, List<String>> query = URLUtils.parseParameters(URI.create(consent).getRawQuery());
		assertThat(this.browser.post("/device/verify", Map.of("client_id", query.get("client_id").get(0), "state",
				query.get("state").get(0), "user_code", device.getUserCode().getValue(), "scope", "user"))
			.statusCode()).isEqualTo(403);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(device), "authorization_pending");
	}

	@Test
	void consentWhenTokensWriteOutsideSudoModeThenPasswordFirstAndAPostWithoutItIsRefused() throws Exception {
		// Sudo mode from signing in has lapsed.
		this.clock.advance(Duration.ofHours(3));
		DeviceAuthorizationSuccessResponse device = start(CLI, "user tokens:write");
		String consent = enterCode(device);
		String sudo = BrowserSession.location(this.browser.get(consent));
		assertThat(sudo).contains("/sudo?continue=");

		Map<String, List<String>> query = URLUtils.parseParameters(URI.create(consent).getRawQuery());
		String csrf = BrowserSession.csrf(this.browser.get("/device").body());
		assertThat(this.browser.post("/device/verify", Map.of("client_id", CLI, "state", query.get("state").get(0),
				"user_code", device.getUserCode().getValue(), "scope", "tokens:write", "_csrf", csrf))
			.statusCode()).isEqualTo(403);
		this.clock.advance(Duration.ofSeconds(6));
		assertPollError(poll(device), "authorization_pending");

		String sudoPage = this.browser.get(sudo).body();
		String back = BrowserSession.location(this.browser.post("/sudo", Map.of("password", TestFixtures.PASSWORD,
				"continue", URLUtils.parseParameters(URI.create(sudo).getRawQuery()).get("continue").get(0), "_csrf",
				BrowserSession.csrf(sudoPage))));
		assertThat(back).contains("/oauth2/consent");
		assertThat(decide(back, true)).endsWith("/device?success");
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(poll(device).indicatesSuccess()).isTrue();
	}

	@Test
	void personalTokenWhenCreatedWithTheClisTokenThenTheAppIsInTheListTheApiAndTheLog() throws Exception {
		DeviceAuthorizationSuccessResponse device = start(CLI, "user tokens:write");
		assertThat(decide(enterCode(device), true)).endsWith("/device?success");
		this.clock.advance(Duration.ofSeconds(6));
		String cliToken = poll(device).toSuccessResponse().getTokens().getAccessToken().getValue();

		Http.Response created = new Http(this.port).postJson("/api/v1/user/tokens",
				"{\"name\":\"made-by-cli\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(cliToken));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("created_by_app").asString()).isEqualTo(CLI);
		assertThat(this.browser.get("/settings/tokens").body()).contains("Created by Latchkey CLI");
		List<SecurityEvent> log = this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.TOKEN_CREATED,
				null, null, null, 10));
		assertThat(log).singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("name", "made-by-cli").containsEntry("app", CLI));
	}

	@Test
	void deviceAuthorizationWhenThirdPartyAppAsksForTokenScopesThenInvalidScope() throws Exception {
		for (String scope : List.of("tokens:read", "tokens:write", "admin")) {
			DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
					this.oauth.endpoint("/oauth2/device_authorization"), new ClientID(this.cli.app().clientId()),
					Scope.parse("user " + scope))
				.toHTTPRequest()
				.send());
			assertThat(response.indicatesSuccess()).as(scope).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
		}
	}

	@Test
	void deviceFlowWhenResourceNamedThenTheTokenIsBoundToItAndAnUnknownOneIsInvalidTarget() throws Exception {
		String latchkeyApi = "http://localhost:" + this.port + "/api";
		DeviceAuthorizationResponse started = DeviceAuthorizationResponse.parse(
				new DeviceAuthorizationRequest.Builder(new ClientID(this.cli.app().clientId()))
					.endpointURI(this.oauth.endpoint("/oauth2/device_authorization"))
					.scope(Scope.parse("user"))
					.customParameter("resource", latchkeyApi)
					.build()
					.toHTTPRequest()
					.send());
		DeviceAuthorizationSuccessResponse device = started.toSuccessResponse();
		this.startedBy.put(device.getDeviceCode().getValue(), this.cli.app().clientId());
		assertThat(decide(enterCode(device), true)).endsWith("/device?success");
		this.clock.advance(Duration.ofSeconds(6));
		String access = poll(device).toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(this.jdbc.sql("SELECT access_audience FROM oauth2_authorizations WHERE access_hash = ?")
			.param(dev.latchkey.client.TokenSecret.sha256Hex(access))
			.query(String.class)
			.single()).isEqualTo(latchkeyApi);
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(access)).status()).isEqualTo(200);

		DeviceAuthorizationResponse unknown = DeviceAuthorizationResponse.parse(
				new DeviceAuthorizationRequest.Builder(new ClientID(this.cli.app().clientId()))
					.endpointURI(this.oauth.endpoint("/oauth2/device_authorization"))
					.scope(Scope.parse("user"))
					.customParameter("resource", "https://unknown.example/api")
					.build()
					.toHTTPRequest()
					.send());
		assertThat(unknown.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
	}

	private DeviceAuthorizationSuccessResponse start(String clientId, String scope) throws Exception {
		DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
				this.oauth.endpoint("/oauth2/device_authorization"), new ClientID(clientId), Scope.parse(scope))
			.toHTTPRequest()
			.send());
		assertThat(response.indicatesSuccess()).isTrue();
		this.startedBy.put(response.toSuccessResponse().getDeviceCode().getValue(), clientId);
		return response.toSuccessResponse();
	}

	/** Opens the code-entry page as the link does and continues; returns where that leads (the consent page). */
	private String enterCode(DeviceAuthorizationSuccessResponse device) {
		String code = device.getUserCode().getValue();
		String entry = this.browser.get("/device?user_code=" + BrowserSession.encode(code)).body();
		assertThat(entry).contains("Enter the code");
		return BrowserSession.location(
				this.browser.post("/device/verify", Map.of("user_code", code, "_csrf", BrowserSession.csrf(entry))));
	}

	/** Approves every scope on the consent page, or cancels; returns where the answer leads. */
	private String decide(String consentLocation, boolean approve) {
		assertThat(consentLocation).contains("/oauth2/consent");
		String page = this.browser.get(consentLocation).body();
		Map<String, List<String>> query = URLUtils.parseParameters(URI.create(consentLocation).getRawQuery());
		StringBuilder form = new StringBuilder("client_id=" + query.get("client_id").get(0) + "&state="
				+ BrowserSession.encode(query.get("state").get(0)) + "&user_code="
				+ BrowserSession.encode(query.get("user_code").get(0)) + "&_csrf="
				+ BrowserSession.encode(BrowserSession.csrf(page)));
		if (approve) {
			for (String scope : query.get("scope").get(0).split(" ")) {
				form.append("&scope=").append(BrowserSession.encode(scope));
			}
		}
		return BrowserSession.location(this.browser.postRaw("/device/verify", form.toString()));
	}

	private TokenResponse poll(DeviceAuthorizationSuccessResponse device) throws Exception {
		return TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
				new ClientID(this.startedBy.get(device.getDeviceCode().getValue())),
				new DeviceCodeGrant(device.getDeviceCode()))
			.toHTTPRequest()
			.send());
	}

	private static void assertPollError(TokenResponse response, String code) {
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(code);
	}

}
