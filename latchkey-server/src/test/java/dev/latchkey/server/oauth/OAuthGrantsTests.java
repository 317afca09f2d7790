package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every grant, driven end to end by the Nimbus OAuth SDK against the running server, and
 * each way a client can get it wrong.
 */
@LatchkeyTest
class OAuthGrantsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	AuditLog audit;

	OAuthTestSupport oauth;

	Http http;

	Account user;

	BrowserSession browser;

	RegisteredApp confidential;

	RegisteredApp publicApp;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		this.confidential = this.apps.register(this.user.id(),
				new AppForm("Acme", "https://acme.example", "Acme's dashboard", OAuthTestSupport.CALLBACK, "confidential"));
		this.publicApp = this.apps.register(this.user.id(),
				new AppForm("Acme CLI", "https://acme.example/cli", null, OAuthTestSupport.CALLBACK, "public"));
	}

	@Test
	void authorizationCodeWhenConfidentialWithPkceThenTokensWorkOnTheApi() throws Exception {
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationCode code = this.oauth.code(this.browser,
				OAuthTestSupport.withPkce(this.oauth.authorizationRequest(this.confidential, "user notes:read"), verifier)
					.build());
		TokenResponse response = this.oauth.exchange(OAuthTestSupport.basic(this.confidential), code, verifier);
		assertThat(response.indicatesSuccess()).isTrue();
		Tokens tokens = response.toSuccessResponse().getTokens();
		assertThat(tokens.getAccessToken().getValue()).matches("^lko_[0-9A-Za-z]{36}$");
		assertThat(tokens.getRefreshToken().getValue()).matches("^lkr_[0-9A-Za-z]{36}$");
		assertThat(tokens.getAccessToken().getScope()).isEqualTo(Scope.parse("user notes:read"));
		// Eight hours by default, less the moment the response took.
		assertThat(tokens.getAccessToken().getLifetime()).isGreaterThan(8 * 3600 - 60);

		Http.Response me = this.http.get("/api/v1/user", Http.bearer(tokens.getAccessToken().getValue()));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(this.user.username());
		assertThat(me.header("X-OAuth-Scopes")).isEqualTo("user, notes:read");
		assertThat(this.http.get("/api/v1/user/tokens", Http.bearer(tokens.getAccessToken().getValue())).status())
			.isEqualTo(403);
	}

	@Test
	void authorizationCodeWhenClientSecretPostThenAccepted() throws Exception {
		AuthorizationCode code = this.oauth.code(this.browser, this.oauth.authorizationRequest(this.confidential, "user").build());
		ClientSecretPost post = new ClientSecretPost(new ClientID(this.confidential.app().clientId()),
				new Secret(this.confidential.secret().reveal()));
		assertThat(this.oauth.exchange(post, code, null).indicatesSuccess()).isTrue();
	}

	@Test
	void authorizationCodeWhenOpenIdThenIdTokenVerifiesAndUserinfoAnswers() throws Exception {
		AuthorizationCode code = this.oauth.code(this.browser,
				this.oauth.authorizationRequest(this.confidential, "openid profile email user").build());
		OIDCTokenResponse response = (OIDCTokenResponse) OIDCTokenResponseParser.parse(
				new TokenRequest(this.oauth.endpoint("/oauth2/token"), OAuthTestSupport.basic(this.confidential),
						new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, URI.create(OAuthTestSupport.CALLBACK)))
					.toHTTPRequest()
					.send());
		IDTokenValidator validator = new IDTokenValidator(new Issuer("http://localhost:" + this.port),
				new ClientID(this.confidential.app().clientId()), JWSAlgorithm.RS256,
				new URL("http://localhost:" + this.port + "/oauth2/jwks"));
		IDTokenClaimsSet claims = validator.validate(response.getOIDCTokens().getIDToken(), null);
		assertThat(claims.getSubject().getValue()).isEqualTo(this.user.username());

		UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(this.oauth.endpoint("/userinfo"),
				(BearerAccessToken) response.getOIDCTokens().getAccessToken())
			.toHTTPRequest()
			.send());
		assertThat(userInfo.indicatesSuccess()).isTrue();
		UserInfo info = userInfo.toSuccessResponse().getUserInfo();
		assertThat(info.getSubject().getValue()).isEqualTo(this.user.username());
		assertThat(info.getPreferredUsername()).isEqualTo(this.user.username());
		assertThat(info.getEmailAddress()).isEqualTo(this.user.email());
		assertThat(info.getEmailVerified()).as("the fixture user followed the link").isTrue();
	}

	@Test
	void authorizationCodeWhenPublicClientWithPkceThenAccessTokenButNoRefreshToken() throws Exception {
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationCode code = this.oauth.code(this.browser,
				OAuthTestSupport.withPkce(this.oauth.authorizationRequest(this.publicApp, "user"), verifier).build());
		TokenResponse response = TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
				new ClientID(this.publicApp.app().clientId()),
				new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, URI.create(OAuthTestSupport.CALLBACK), verifier))
			.toHTTPRequest()
			.send());
		assertThat(response.indicatesSuccess()).isTrue();
		assertThat(response.toSuccessResponse().getTokens().getRefreshToken()).isNull();
	}

	@Test
	void authorizeWhenPublicClientWithoutPkceThenInvalidRequestRedirect() throws Exception {
		AuthorizationResponse response = AuthorizationResponse
			.parse(this.oauth.authorize(this.browser, this.oauth.authorizationRequest(this.publicApp, "user").build()));
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
	}

	@Test
	void exchangeWhenVerifierWrongOrMissingThenInvalidGrant() throws Exception {
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationRequest request = OAuthTestSupport
			.withPkce(this.oauth.authorizationRequest(this.confidential, "user"), verifier)
			.build();
		AuthorizationCode code = this.oauth.code(this.browser, request);
		assertError(this.oauth.exchange(OAuthTestSupport.basic(this.confidential), code, new CodeVerifier()),
				"invalid_grant");
		AuthorizationCode second = this.oauth.code(this.browser, OAuthTestSupport
			.withPkce(this.oauth.authorizationRequest(this.confidential, "user"), verifier)
			.build());
		assertError(this.oauth.exchange(OAuthTestSupport.basic(this.confidential), second, null), "invalid_grant");
	}

	@Test
	void authorizeWhenRedirectUriUnregisteredThenErrorPageAndNoRedirect() {
		AuthorizationRequest request = this.oauth.authorizationRequest(this.confidential, "user")
			.redirectionURI(URI.create("https://evil.example/callback"))
			.build();
		HttpResponse<String> response = this.browser.get(request.toURI().toString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).doesNotContain("evil.example");
	}

	@Test
	void exchangeWhenCodeReplayedThenInvalidGrantAndTokensFromItRevoked() throws Exception {
		AuthorizationCode code = this.oauth.code(this.browser, this.oauth.authorizationRequest(this.confidential, "user").build());
		Tokens tokens = this.oauth.exchange(OAuthTestSupport.basic(this.confidential), code, null)
			.toSuccessResponse()
			.getTokens();
		assertThat(this.http.get("/api/v1/user", Http.bearer(tokens.getAccessToken().getValue())).status()).isEqualTo(200);
		assertError(this.oauth.exchange(OAuthTestSupport.basic(this.confidential), code, null), "invalid_grant");
		assertThat(this.http.get("/api/v1/user", Http.bearer(tokens.getAccessToken().getValue())).status()).isEqualTo(401);
		assertError(this.oauth.token(OAuthTestSupport.basic(this.confidential), new RefreshTokenGrant(tokens.getRefreshToken())),
				"invalid_grant");
	}

	@Test
	void refreshWhenUsedThenRotatedAndReuseOfSpentTokenRevokesTheGrant() throws Exception {
		AuthorizationCode code = this.oauth.code(this.browser, this.oauth.authorizationRequest(this.confidential, "user").build());
		Tokens first = this.oauth.exchange(OAuthTestSupport.basic(this.confidential), code, null)
			.toSuccessResponse()
			.getTokens();
		Tokens second = this.oauth.token(OAuthTestSupport.basic(this.confidential), new RefreshTokenGrant(first.getRefreshToken()))
			.toSuccessResponse()
			.getTokens();
		assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
		assertThat(second.getAccessToken()).isNotEqualTo(first.getAccessToken());
		assertThat(this.http.get("/api/v1/user", Http.bearer(first.getAccessToken().getValue())).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/user", Http.bearer(second.getAccessToken().getValue())).status()).isEqualTo(200);

		assertError(this.oauth.token(OAuthTestSupport.basic(this.confidential), new RefreshTokenGrant(first.getRefreshToken())),
				"invalid_grant");
		assertThat(this.http.get("/api/v1/user", Http.bearer(second.getAccessToken().getValue())).status()).isEqualTo(401);
		assertError(this.oauth.token(OAuthTestSupport.basic(this.confidential), new RefreshTokenGrant(second.getRefreshToken())),
				"invalid_grant");
	}

	@Test
	void clientCredentialsWhenSecretRightThenTokenActsAsTheApp() throws Exception {
		TokenResponse response = this.oauth.token(OAuthTestSupport.basic(this.confidential), new ClientCredentialsGrant());
		assertThat(response.indicatesSuccess()).isTrue();
		String token = response.toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(token).startsWith("lko_");
		Http.Response me = this.http.get("/api/v1/user", Http.bearer(token));
		assertThat(me.status()).isEqualTo(403);
		var introspection = this.oauth.introspect(this.confidential, token);
		assertThat(introspection.isActive()).isTrue();
		assertThat(introspection.getClientID().getValue()).isEqualTo(this.confidential.app().clientId());
		assertThat(introspection.getUsername()).isNull();
		assertThat(introspection.getSubject().getValue()).isEqualTo(this.confidential.app().clientId());
	}

	@Test
	void tokenWhenClientSecretWrongOrClientUnknownThenInvalidClient() throws Exception {
		ClientSecretBasic wrong = new ClientSecretBasic(new ClientID(this.confidential.app().clientId()),
				new Secret("lkc_wrongwrongwrongwrongwrongwrong000000"));
		TokenResponse response = this.oauth.token(wrong, new ClientCredentialsGrant());
		assertError(response, "invalid_client");
		assertThat(response.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
		assertError(this.oauth.token(new ClientSecretBasic(new ClientID("nobody"), new Secret("x")),
				new ClientCredentialsGrant()), "invalid_client");
	}

	@Test
	void tokenWhenScopeOutsideCatalogueThenInvalidScope() throws Exception {
		TokenResponse response = TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(this.confidential), new ClientCredentialsGrant(), Scope.parse("admin"))
			.toHTTPRequest()
			.send());
		assertError(response, "invalid_scope");
		AuthorizationResponse authorize = AuthorizationResponse.parse(
				this.oauth.authorize(this.browser, this.oauth.authorizationRequest(this.confidential, "user nonsense").build()));
		assertThat(authorize.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
		assertThat(authorize.getIssuer()).as("RFC 9207, on errors too").hasToString(this.oauth.endpoint("").toString());
	}

	@Test
	void authorizeOrClientCredentialsWhenThirdPartyAppAsksForTokenScopesThenInvalidScope() throws Exception {
		for (String scope : List.of("tokens:read", "tokens:write")) {
			AuthorizationResponse authorize = AuthorizationResponse.parse(this.oauth.authorize(this.browser,
					this.oauth.authorizationRequest(this.confidential, "user " + scope).build()));
			assertThat(authorize.toErrorResponse().getErrorObject().getCode()).as(scope).isEqualTo("invalid_scope");
			assertError(TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
					OAuthTestSupport.basic(this.confidential), new ClientCredentialsGrant(), Scope.parse(scope))
				.toHTTPRequest()
				.send()), "invalid_scope");
		}
	}

	@Test
	void tokenWhenGrantNotOfferedThenUnsupportedGrantType() throws Exception {
		assertError(this.oauth.token(OAuthTestSupport.basic(this.confidential),
				new ResourceOwnerPasswordCredentialsGrant(this.user.username(), new Secret(TestFixtures.PASSWORD))),
				"unsupported_grant_type");
	}

	@Test
	void tokenWhenPublicClientAsksForClientCredentialsThenRefused() throws Exception {
		// Nimbus refuses to build this request, so it is written by hand.
		Http.Response response = this.http.post("/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=client_credentials&client_id=" + this.publicApp.app().clientId());
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenClientNotRegisteredForTheGrantThenUnauthorizedClient() {
		Http.Response response = this.http.post("/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x"
						+ "&subject_token_type=urn:ietf:params:oauth:token-type:access_token",
				Http.basic(this.confidential.app().clientId(), this.confidential.secret().reveal()));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void consentWhenDeniedThenAccessDeniedRedirect() {
		AuthorizationRequest request = this.oauth.authorizationRequest(this.confidential, "user").build();
		String consent = BrowserSession.location(this.browser.get(request.toURI().toString()));
		assertThat(consent).contains("/oauth2/consent");
		Map<String, java.util.List<String>> query = com.nimbusds.oauth2.sdk.util.URLUtils
			.parseParameters(URI.create(consent).getRawQuery());
		String csrf = BrowserSession.csrf(this.browser.get(consent).body());
		String redirect = BrowserSession.location(this.browser.post("/oauth2/authorize",
				Map.of("client_id", query.get("client_id").get(0), "state", query.get("state").get(0), "_csrf", csrf)));
		assertThat(redirect).startsWith(OAuthTestSupport.CALLBACK).contains("error=access_denied");
	}

	@Test
	void consentWhenPostedWithoutTheConsentPagesCsrfTokenThenForbiddenAndNoCode() {
		AuthorizationRequest request = this.oauth.authorizationRequest(this.confidential, "user").build();
		String consent = BrowserSession.location(this.browser.get(request.toURI().toString()));
		Map<String, java.util.List<String>> query = com.nimbusds.oauth2.sdk.util.URLUtils
			.parseParameters(URI.create(consent).getRawQuery());
		// What another site's form could post for a signed-in user who has the state in hand.
		HttpResponse<String> forged = this.browser.post("/oauth2/authorize",
				Map.of("client_id", query.get("client_id").get(0), "state", query.get("state").get(0), "scope", "user"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void consentWhenGivenOnceThenRememberedForTheSameScopes() throws Exception {
		this.oauth.code(this.browser, this.oauth.authorizationRequest(this.confidential, "user").build());
		URI again = URI.create(BrowserSession.location(this.browser.get(
				this.oauth.authorizationRequest(this.confidential, "user").build().toURI().toString())));
		assertThat(again.toString()).startsWith(OAuthTestSupport.CALLBACK).contains("code=");
		String wider = BrowserSession.location(this.browser.get(
				this.oauth.authorizationRequest(this.confidential, "user notes:write").build().toURI().toString()));
		assertThat(wider).contains("/oauth2/consent");
		assertThat(this.browser.get(wider).body()).contains("notes:write").contains("127.0.0.1");
		List<SecurityEvent> log = this.audit.find(new SecurityEventQuery(this.user.id(),
				SecurityAction.OAUTH_APP_AUTHORIZED, null, null, null, 10));
		assertThat(log).singleElement().satisfies((event) -> {
			assertThat(event.details()).containsEntry("client_id", this.confidential.app().clientId())
				.containsEntry("scopes", "user");
			assertThat(event.actor()).isEqualTo(this.user.username());
		});
	}

	static void assertError(TokenResponse response, String code) {
		assertThat(response.indicatesSuccess()).as("token response").isFalse();
		TokenErrorResponse error = response.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo(code);
		assertThat(error.getErrorObject().getHTTPStatusCode()).isBetween(400, 499);
	}

}
