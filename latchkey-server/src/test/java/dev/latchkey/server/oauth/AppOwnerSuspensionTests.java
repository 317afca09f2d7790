package dev.latchkey.server.oauth;

import java.net.http.HttpResponse;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suspending a user stops their OAuth Apps too: the app fails client authentication on every
 * endpoint, its own tokens stop working, and nobody can be asked to authorize it; lifting the
 * suspension brings it back.
 */
@LatchkeyTest
class AppOwnerSuspensionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	OAuthTestSupport oauth;

	Http http;

	Account owner;

	RegisteredApp app;

	String adminToken;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.http = new Http(this.port);
		this.owner = this.fixtures.user();
		this.app = this.apps.register(this.owner.id(),
				new AppForm("Acme", "https://acme.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.adminToken = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();
	}

	@Test
	void appWhenOwnerSuspendedThenInvalidClientNoIntrospectionNoConsentAndItsTokensStop() throws Exception {
		String appToken = clientCredentials().toSuccessResponse().getTokens().getAccessToken().getValue();
		String ownersToken = this.fixtures.token(this.owner, "user").secret().reveal();
		assertThat(introspect(ownersToken).toSuccessResponse().isActive()).isTrue();
		BrowserSession user = new BrowserSession(this.port).signIn(this.fixtures.user().username(), TestFixtures.PASSWORD);

		suspend(true);

		OAuthGrantsTests.assertError(clientCredentials(), "invalid_client");
		TokenIntrospectionResponse introspection = introspect(ownersToken);
		assertThat(introspection.indicatesSuccess()).isFalse();
		assertThat(introspection.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(this.http.get("/api/v1/user", Http.bearer(appToken)).status()).isEqualTo(401);
		HttpResponse<String> authorize = user
			.get(this.oauth.authorizationRequest(this.app, "user").build().toURI().toString());
		assertThat(authorize.statusCode()).isEqualTo(400);
		assertThat(authorize.headers().firstValue("Location")).isEmpty();
		assertThat(user.get("/oauth2/consent?client_id=" + this.app.app().clientId() + "&scope=user&state=x")
			.statusCode()).isEqualTo(400);

		suspend(false);

		assertThat(clientCredentials().indicatesSuccess()).isTrue();
		assertThat(introspect(ownersToken).toSuccessResponse().isActive()).isTrue();
		// 403, not 401: the app's token is live again, and an app acting as itself has no user.
		assertThat(this.http.get("/api/v1/user", Http.bearer(appToken)).status()).isEqualTo(403);
	}

	private TokenResponse clientCredentials() throws Exception {
		return this.oauth.token(OAuthTestSupport.basic(this.app), new ClientCredentialsGrant());
	}

	private TokenIntrospectionResponse introspect(String token) throws Exception {
		return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(this.oauth.endpoint("/oauth2/introspect"),
				OAuthTestSupport.basic(this.app), new TypelessAccessToken(token))
			.toHTTPRequest()
			.send());
	}

	private void suspend(boolean suspended) {
		String path = "/api/v1/admin/users/" + this.owner.username() + "/suspended";
		Http.Response response = suspended ? this.http.put(path, Http.bearer(this.adminToken))
				: this.http.delete(path, Http.bearer(this.adminToken));
		assertThat(response.status()).isEqualTo(204);
	}

}
