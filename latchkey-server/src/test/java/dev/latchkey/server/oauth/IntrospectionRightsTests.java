package dev.latchkey.server.oauth;

import java.util.List;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may introspect what (RFC 7662 section 4): an app reads its own tokens and its owner's,
 * and learns nothing about anyone else's.
 */
@LatchkeyTest
class IntrospectionRightsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	OAuthTestSupport oauth;

	Http http;

	Account owner;

	Account stranger;

	RegisteredApp app;

	RegisteredApp strangersApp;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.http = new Http(this.port);
		this.owner = this.fixtures.user();
		this.stranger = this.fixtures.user();
		this.app = this.apps.register(this.owner.id(), new AppForm("Rights " + System.nanoTime(),
				"https://api.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.strangersApp = this.apps.register(this.stranger.id(), new AppForm("Stranger's app",
				"https://other.example", null, OAuthTestSupport.CALLBACK, "confidential"));
	}

	@Test
	void introspectWhenTokenIsTheAppsOwnOrItsOwnersThenActive() throws Exception {
		String appsOwn = clientCredentials(this.app);
		Tokens forAUser = grant(this.stranger, this.app);
		String ownersPersonal = this.fixtures.token(this.owner, "user").secret().reveal();
		Tokens ownersForAnotherApp = grant(this.owner, this.strangersApp);

		assertThat(this.oauth.introspect(this.app, appsOwn).getClientID().getValue())
			.isEqualTo(this.app.app().clientId());
		assertThat(this.oauth.introspect(this.app, forAUser.getAccessToken().getValue()).getUsername())
			.isEqualTo(this.stranger.username());
		assertThat(this.oauth.introspect(this.app, forAUser.getRefreshToken().getValue()).getUsername())
			.isEqualTo(this.stranger.username());
		assertThat(this.oauth.introspect(this.app, ownersPersonal).getUsername()).isEqualTo(this.owner.username());
		TokenIntrospectionSuccessResponse ownersOAuth = this.oauth.introspect(this.app,
				ownersForAnotherApp.getAccessToken().getValue());
		assertThat(ownersOAuth.getUsername()).isEqualTo(this.owner.username());
		assertThat(ownersOAuth.getClientID().getValue()).isEqualTo(this.strangersApp.app().clientId());
		assertThat(this.oauth.introspect(this.app, ownersForAnotherApp.getRefreshToken().getValue()).getUsername())
			.isEqualTo(this.owner.username());
	}

	@Test
	void introspectWhenSomeoneElsesLiveTokenThenTheSameAnswerAsForAnUnknownToken() throws Exception {
		String strangersPersonal = this.fixtures.token(this.stranger, "user").secret().reveal();
		String otherAppsOwn = clientCredentials(this.strangersApp);
		Tokens strangersForOtherApp = grant(this.stranger, this.strangersApp);
		List<String> live = List.of(strangersPersonal, otherAppsOwn, strangersForOtherApp.getAccessToken().getValue(),
				strangersForOtherApp.getRefreshToken().getValue());
		for (String token : live) {
			assertThat(this.oauth.introspect(this.strangersApp, token).isActive()).as("live to its own app").isTrue();
		}
		Http.Response unknown = introspectRaw(this.app, TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL));
		assertThat(unknown.body()).isEqualTo("{\"active\":false}");

		for (String token : live) {
			Http.Response response = introspectRaw(this.app, token);
			assertThat(response.status()).isEqualTo(unknown.status());
			assertThat(response.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
			assertThat(response.body()).isEqualTo(unknown.body());
		}
	}

	private String clientCredentials(RegisteredApp client) throws Exception {
		return this.oauth.token(OAuthTestSupport.basic(client), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
	}

	/** The user approves the app in the authorization code flow; the app gets an access and a refresh token. */
	private Tokens grant(Account user, RegisteredApp client) throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
		var code = this.oauth.code(browser, this.oauth.authorizationRequest(client, "user").build());
		return this.oauth.exchange(OAuthTestSupport.basic(client), code, null).toSuccessResponse().getTokens();
	}

	private Http.Response introspectRaw(RegisteredApp caller, String token) {
		return this.http.post("/oauth2/introspect", "application/x-www-form-urlencoded", "token=" + token,
				Http.basic(caller.app().clientId(), caller.secret().reveal()));
	}

}
