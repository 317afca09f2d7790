package dev.latchkey.server.oauth;

import java.net.URI;
import java.util.List;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
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
 * RFC 8707 with the Nimbus SDK: a token asked for an API is bound to it, says so in
 * introspection, and is refused by another; an API nobody registered, or one the grant
 * doesn't cover, is {@code invalid_target}.
 */
@LatchkeyTest
class ResourceIndicatorTests {

	private static final String NOTES_API = "https://notes.example/api";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	ResourceServers resourceServers;

	OAuthTestSupport oauth;

	BrowserSession browser;

	RegisteredApp app;

	RegisteredApp notesApi;

	String latchkeyApi;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.latchkeyApi = "http://localhost:" + this.port + "/api";
		Account user = this.fixtures.user();
		this.browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
		this.app = this.apps.register(user.id(),
				new AppForm("Agent", "https://agent.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.notesApi = this.apps.register(user.id(),
				new AppForm("Notes API", "https://notes.example", null, "https://notes.example/cb", "confidential"));
		this.resourceServers.mark(this.notesApi.app().clientId(), true, NOTES_API);
	}

	@Test
	void codeFlowWhenResourceNamedThenTokenBoundToItAndRefusedByLatchkeysApi() throws Exception {
		boundTokenKeepsItsAudienceAndOtherApisRefuseIt(this.port, this.fixtures, this.apps, this.resourceServers);
	}

	/** The whole way of a bound token, from authorization to refresh; run on PostgreSQL too. */
	static void boundTokenKeepsItsAudienceAndOtherApisRefuseIt(int port, TestFixtures fixtures, OAuthAppService apps,
			ResourceServers resourceServers) throws Exception {
		OAuthTestSupport oauth = new OAuthTestSupport(port);
		Account user = fixtures.user();
		BrowserSession browser = new BrowserSession(port).signIn(user.username(), TestFixtures.PASSWORD);
		RegisteredApp app = apps.register(user.id(),
				new AppForm("Agent", "https://agent.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		RegisteredApp api = apps.register(user.id(),
				new AppForm("Notes API", "https://notes.example", null, "https://notes.example/cb", "confidential"));
		resourceServers.mark(api.app().clientId(), true, NOTES_API);
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationCode code = oauth.code(browser, OAuthTestSupport
			.withPkce(oauth.authorizationRequest(app, "user notes:read").resource(URI.create(NOTES_API)), verifier)
			.build());
		Tokens tokens = oauth.exchange(OAuthTestSupport.basic(app), code, verifier).toSuccessResponse().getTokens();

		String access = tokens.getAccessToken().getValue();
		assertThat(oauth.introspect(api, access).getAudience()).extracting(Object::toString).containsExactly(NOTES_API);
		Http.Response refused = new Http(port).get("/api/v1/user", Http.bearer(access));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("detail").asString()).contains("another API");

		TokenResponse refreshed = oauth.token(OAuthTestSupport.basic(app), new RefreshTokenGrant(tokens.getRefreshToken()));
		assertThat(oauth.introspect(api, refreshed.toSuccessResponse().getTokens().getAccessToken().getValue())
			.getAudience()).as("a refreshed token keeps its audience").extracting(Object::toString).containsExactly(NOTES_API);
	}

	@Test
	void codeFlowWhenLatchkeysOwnApiNamedThenItsApiAcceptsTheToken() throws Exception {
		String access = authorize(this.latchkeyApi).getAccessToken().getValue();

		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(access)).status()).isEqualTo(200);
		assertThat(this.oauth.introspect(this.app, access).getAudience()).extracting(Object::toString)
			.containsExactly(this.latchkeyApi);
	}

	@Test
	void codeFlowWhenNoResourceNamedThenNoAudienceAsBefore() throws Exception {
		String access = authorize(null).getAccessToken().getValue();

		assertThat(this.oauth.introspect(this.app, access).getAudience()).isNullOrEmpty();
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(access)).status()).isEqualTo(200);
	}

	@Test
	void authorizeWhenResourceUnknownThenInvalidTargetToTheCallback() throws Exception {
		for (String resource : List.of("https://unknown.example/api", "https://notes.example/api#frag")) {
			AuthorizationResponse response = AuthorizationResponse.parse(this.oauth.authorize(this.browser,
					// Sent as a plain parameter: the SDK itself won't build a request with a fragment.
					this.oauth.authorizationRequest(this.app, "user").customParameter("resource", resource).build()));
			assertThat(response.indicatesSuccess()).as(resource).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).as(resource).isEqualTo("invalid_target");
		}
	}

	@Test
	void tokenRequestWhenResourceOutsideTheGrantThenInvalidTarget() throws Exception {
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationCode code = this.oauth.code(this.browser, OAuthTestSupport
			.withPkce(this.oauth.authorizationRequest(this.app, "user").resource(URI.create(NOTES_API)), verifier)
			.build());

		TokenResponse widened = TokenResponse.parse(new TokenRequest.Builder(this.oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(this.app),
				new AuthorizationCodeGrant(code, URI.create(OAuthTestSupport.CALLBACK), verifier))
			.resources(URI.create(this.latchkeyApi))
			.build()
			.toHTTPRequest()
			.send());

		assertThat(widened.indicatesSuccess()).isFalse();
		assertThat(widened.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
	}

	@Test
	void clientCredentialsWhenResourceKnownThenBoundAndWhenUnknownThenInvalidTarget() throws Exception {
		TokenResponse bound = TokenResponse.parse(new TokenRequest.Builder(this.oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(this.app), new ClientCredentialsGrant())
			.resources(URI.create(NOTES_API))
			.build()
			.toHTTPRequest()
			.send());
		assertThat(this.oauth.introspect(this.app,
				bound.toSuccessResponse().getTokens().getAccessToken().getValue()).getAudience())
			.extracting(Object::toString)
			.containsExactly(NOTES_API);

		TokenResponse unknown = TokenResponse.parse(new TokenRequest.Builder(this.oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(this.app), new ClientCredentialsGrant())
			.resources(URI.create("https://elsewhere.example/"))
			.build()
			.toHTTPRequest()
			.send());
		assertThat(unknown.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
	}

	private Tokens authorize(String resource) throws Exception {
		CodeVerifier verifier = OAuthTestSupport.verifier();
		var request = OAuthTestSupport.withPkce(this.oauth.authorizationRequest(this.app, "user notes:read"), verifier);
		if (resource != null) {
			request.resource(URI.create(resource));
		}
		AuthorizationCode code = this.oauth.code(this.browser, request.build());
		TokenResponse response = this.oauth.exchange(OAuthTestSupport.basic(this.app), code, verifier);
		assertThat(response.indicatesSuccess()).as("token response").isTrue();
		return response.toSuccessResponse().getTokens();
	}

}
