package dev.latchkey.server.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives OAuth flows against the running server with the Nimbus OAuth SDK, an
 * off-the-shelf OAuth client library.
 */
final class OAuthTestSupport {

	static final String CALLBACK = "http://127.0.0.1:9/callback";

	private final String base;

	OAuthTestSupport(int port) {
		this.base = "http://localhost:" + port;
	}

	URI endpoint(String path) {
		return URI.create(this.base + path);
	}

	static ClientAuthentication basic(RegisteredApp app) {
		return new ClientSecretBasic(new ClientID(app.app().clientId()), new Secret(app.secret().reveal()));
	}

	AuthorizationRequest.Builder authorizationRequest(RegisteredApp app, String scope) {
		return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(app.app().clientId()))
			.endpointURI(endpoint("/oauth2/authorize"))
			.redirectionURI(URI.create(CALLBACK))
			.scope(Scope.parse(scope))
			.state(new State());
	}

	/**
	 * Sends the user to the authorization endpoint, approves every requested scope on the
	 * consent page if it is shown, and returns where the browser is redirected to.
	 */
	URI authorize(BrowserSession user, AuthorizationRequest request) {
		HttpResponse<String> response = user.get(request.toURI().toString());
		String location = BrowserSession.location(response);
		if (location.contains("/oauth2/consent")) {
			String consentPage = user.get(location).body();
			assertThat(consentPage).contains("Authorize");
			URI consent = URI.create(location);
			Map<String, List<String>> query = com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(consent.getRawQuery());
			StringBuilder form = new StringBuilder("client_id=" + BrowserSession.encode(query.get("client_id").get(0))
					+ "&state=" + BrowserSession.encode(query.get("state").get(0)) + "&_csrf="
					+ BrowserSession.encode(BrowserSession.csrf(consentPage)));
			for (String scope : query.get("scope").get(0).split(" ")) {
				form.append("&scope=").append(BrowserSession.encode(scope));
			}
			location = BrowserSession.location(user.postRaw("/oauth2/authorize", form.toString()));
		}
		return URI.create(location);
	}

	AuthorizationCode code(BrowserSession user, AuthorizationRequest request) throws ParseException {
		AuthorizationResponse response = AuthorizationResponse.parse(authorize(user, request));
		assertThat(response.indicatesSuccess()).as("authorization response %s", response.toURI()).isTrue();
		assertThat(response.getState()).isEqualTo(request.getState());
		assertThat(response.getIssuer()).as("RFC 9207").hasToString(this.base);
		return response.toSuccessResponse().getAuthorizationCode();
	}

	TokenResponse token(ClientAuthentication client, AuthorizationGrant grant) throws IOException, ParseException {
		return TokenResponse.parse(new TokenRequest(endpoint("/oauth2/token"), client, grant).toHTTPRequest().send());
	}

	TokenResponse exchange(ClientAuthentication client, AuthorizationCode code, CodeVerifier verifier)
			throws IOException, ParseException {
		return token(client, new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier));
	}

	TokenIntrospectionSuccessResponse introspect(RegisteredApp caller, String token) throws IOException, ParseException {
		AccessToken presented = new TypelessAccessToken(token);
		TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
				new TokenIntrospectionRequest(endpoint("/oauth2/introspect"), basic(caller), presented).toHTTPRequest()
					.send());
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse();
	}

	static CodeVerifier verifier() {
		return new CodeVerifier();
	}

	static AuthorizationRequest.Builder withPkce(AuthorizationRequest.Builder builder, CodeVerifier verifier) {
		return builder.codeChallenge(verifier, CodeChallengeMethod.S256);
	}

}
