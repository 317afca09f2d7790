package dev.latchkey.server.oauth;

import java.net.http.HttpResponse;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
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

	@Test
	void appWhenOwnerSuspendedThenInvalidClientNoIntrospectionNoConsentAndItsTokensStop() throws Exception {
		ownersSuspensionStopsTheAppAndLiftingItBringsItBack(this.port, this.fixtures, this.apps);
	}

	/** The scenario, shared with the PostgreSQL suite. */
	static void ownersSuspensionStopsTheAppAndLiftingItBringsItBack(int port, TestFixtures fixtures,
			OAuthAppService apps) throws Exception {
		OAuthTestSupport oauth = new OAuthTestSupport(port);
		Http http = new Http(port);
		Account owner = fixtures.user();
		RegisteredApp app = apps.register(owner.id(),
				new AppForm("Acme", "https://acme.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		String admin = fixtures.token(fixtures.admin(), "admin").secret().reveal();
		String appToken = clientCredentials(oauth, app).toSuccessResponse().getTokens().getAccessToken().getValue();
		String ownersToken = fixtures.token(owner, "user").secret().reveal();
		assertThat(introspect(oauth, app, ownersToken).toSuccessResponse().isActive()).isTrue();
		BrowserSession user = new BrowserSession(port).signIn(fixtures.user().username(), TestFixtures.PASSWORD);

		suspend(http, admin, owner, true);

		OAuthGrantsTests.assertError(clientCredentials(oauth, app), "invalid_client");
		TokenIntrospectionResponse introspection = introspect(oauth, app, ownersToken);
		assertThat(introspection.indicatesSuccess()).isFalse();
		assertThat(introspection.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(http.get("/api/v1/user", Http.bearer(appToken)).status()).isEqualTo(401);
		HttpResponse<String> authorize = user.get(oauth.authorizationRequest(app, "user").build().toURI().toString());
		assertThat(authorize.statusCode()).isEqualTo(400);
		assertThat(authorize.headers().firstValue("Location")).isEmpty();
		assertThat(user.get("/oauth2/consent?client_id=" + app.app().clientId() + "&scope=user&state=x").statusCode())
			.isEqualTo(400);

		suspend(http, admin, owner, false);

		assertThat(clientCredentials(oauth, app).indicatesSuccess()).isTrue();
		assertThat(introspect(oauth, app, ownersToken).toSuccessResponse().isActive()).isTrue();
		// 403, not 401: the app's token is live again, and an app acting as itself has no user.
		assertThat(http.get("/api/v1/user", Http.bearer(appToken)).status()).isEqualTo(403);
	}

	private static TokenResponse clientCredentials(OAuthTestSupport oauth, RegisteredApp app) throws Exception {
		return oauth.token(OAuthTestSupport.basic(app), new ClientCredentialsGrant());
	}

	private static TokenIntrospectionResponse introspect(OAuthTestSupport oauth, RegisteredApp app, String token)
			throws Exception {
		return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(oauth.endpoint("/oauth2/introspect"),
				OAuthTestSupport.basic(app), new TypelessAccessToken(token))
			.toHTTPRequest()
			.send());
	}

	private static void suspend(Http http, String admin, Account owner, boolean suspended) {
		String path = "/api/v1/admin/users/" + owner.username() + "/suspended";
		Http.Response response = suspended ? http.put(path, Http.bearer(admin)) : http.delete(path, Http.bearer(admin));
		assertThat(response.status()).isEqualTo(204);
	}

}
