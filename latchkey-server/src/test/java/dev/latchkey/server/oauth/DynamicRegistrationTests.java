package dev.latchkey.server.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.ratelimit.ThrottleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7591 with the Nimbus SDK, as an agent meets it: register, authorize with PKCE, use the
 * token; and each thing an app that registers itself must not get. Each test starts and ends
 * past the hour, so the per-address budget starts fresh and leaves nothing to other tests.
 */
@LatchkeyTest
class DynamicRegistrationTests {

	private static final URI LOOPBACK_CALLBACK = URI.create("http://127.0.0.1:53682/callback");

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	ClientRegistrationSettings settings;

	@Autowired
	ResourceServers apps;

	@Autowired
	UnusedClientPurge purge;

	@Autowired
	MutableClock clock;

	@Autowired
	AuditLog audit;

	@Autowired
	ThrottleProperties throttle;

	OAuthTestSupport oauth;

	@BeforeEach
	@AfterEach
	void freshHourAndOpen() {
		this.clock.advanceToNext(Duration.ofHours(1));
		this.settings.save(new ClientRegistrationSettings.Settings(true, 30), this.fixtures.admin().id());
		this.oauth = new OAuthTestSupport(this.port);
	}

	@Test
	void registeredAppWhenItAuthorizesWithPkceThenItsTokenWorksAndTheConsentPageSaysItRegisteredItself()
			throws Exception {
		JsonNode metadata = new Http(this.port).get("/.well-known/oauth-authorization-server").json();
		assertThat(metadata.get("registration_endpoint").asString())
			.isEqualTo("http://localhost:" + this.port + "/oauth2/register");

		ClientInformation client = register(metadata(Set.of(LOOPBACK_CALLBACK), "Claude Desktop")).toSuccessResponse()
			.getClientInformation();
		assertThat(client.getSecret()).as("a public client").isNull();
		assertThat(client.getMetadata().getTokenEndpointAuthMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
		assertThat(client.getMetadata().getGrantTypes()).contains(GrantType.AUTHORIZATION_CODE);

		Account user = this.fixtures.user();
		BrowserSession browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationRequest request = authorization(client.getID(), "user notes:read")
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build();
		String consent = browser.get(BrowserSession.location(browser.get(request.toURI().toString()))).body();
		assertThat(consent).contains("Authorize Claude Desktop").contains("This app registered itself");
		AuthorizationCode code = this.oauth.code(browser, request);
		TokenResponse tokens = TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"), client.getID(),
				new AuthorizationCodeGrant(code, LOOPBACK_CALLBACK, verifier))
			.toHTTPRequest()
			.send());
		String access = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(access)).json().get("username").asString())
			.isEqualTo(user.username());

		assertThat(this.apps.find(client.getID().getValue()).orElseThrow().app().registeredDynamically()).isTrue();
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.OAUTH_APP_REGISTERED_DYNAMICALLY, null,
				null, null, 50)))
			.anySatisfy((event) -> assertThat(event.details()).containsEntry("client_id", client.getID().getValue()));
	}

	@Test
	void registrationWhenWithoutPkceThenTheAuthorizationIsRefused() throws Exception {
		ClientInformation client = register(metadata(Set.of(LOOPBACK_CALLBACK), "No PKCE")).toSuccessResponse()
			.getClientInformation();
		BrowserSession browser = new BrowserSession(this.port).signIn(this.fixtures.user().username(),
				TestFixtures.PASSWORD);

		AuthorizationResponse response = AuthorizationResponse
			.parse(this.oauth.authorize(browser, authorization(client.getID(), "user").build()));

		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
	}

	@Test
	void registrationWhenCallbackIsPlainHttpOnAnotherHostOrAnAppSchemeThenInvalidRedirectUri() throws Exception {
		for (String callback : List.of("http://agent.example/callback", "com.example.agent:/callback")) {
			ClientRegistrationErrorResponse refused = register(metadata(Set.of(URI.create(callback)), "Agent"))
				.toErrorResponse();
			assertThat(refused.getErrorObject().getHTTPStatusCode()).as(callback).isEqualTo(400);
			assertThat(refused.getErrorObject().getCode()).as(callback).isEqualTo("invalid_redirect_uri");
		}
		// Sent as it is: the SDK itself won't build metadata with a fragment.
		Http.Response fragment = new Http(this.port).postJson("/oauth2/register",
				"{\"redirect_uris\":[\"https://agent.example/callback#frag\"],\"token_endpoint_auth_method\":\"none\"}");
		assertThat(fragment.status()).isEqualTo(400);
		assertThat(fragment.json().get("error").asString()).isEqualTo("invalid_redirect_uri");
	}

	@Test
	void registrationWhenAskingForTokenScopesOrClientCredentialsThenNeitherIsGiven() throws Exception {
		ClientMetadata wanting = metadata(Set.of(LOOPBACK_CALLBACK), "Greedy");
		wanting.setScope(Scope.parse("user tokens:write admin"));
		ClientInformation client = register(wanting).toSuccessResponse().getClientInformation();
		assertThat(client.getMetadata().getScope().toStringList()).containsExactly("user");

		BrowserSession browser = new BrowserSession(this.port).signIn(this.fixtures.user().username(),
				TestFixtures.PASSWORD);
		AuthorizationResponse asked = AuthorizationResponse.parse(this.oauth.authorize(browser,
				authorization(client.getID(), "user tokens:write").codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
					.build()));
		assertThat(asked.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");

		ClientMetadata machine = metadata(Set.of(LOOPBACK_CALLBACK), "Machine");
		machine.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
		assertThat(register(machine).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
	}

	@Test
	void registrationWhenAnAddressUsedItsHourThenTooManyRequests() throws Exception {
		for (long i = 0; i < this.throttle.clientRegistrationsPerAddressPerHour(); i++) {
			assertThat(register(metadata(Set.of(LOOPBACK_CALLBACK), "Agent " + i)).indicatesSuccess()).isTrue();
		}
		HTTPResponse refused = registration(metadata(Set.of(LOOPBACK_CALLBACK), "One too many")).toHTTPRequest().send();
		assertThat(refused.getStatusCode()).isEqualTo(429);
		assertThat(refused.getHeaderValue("Retry-After")).isNotNull();
		assertThat(refused.getBodyAsJSONObject().get("error")).isEqualTo("too_many_requests");
	}

	@Test
	void registrationWhenAnAdminTurnedItOffThenForbiddenAndNotInTheMetadata() throws Exception {
		this.settings.save(new ClientRegistrationSettings.Settings(false, 30), this.fixtures.admin().id());

		ClientRegistrationErrorResponse refused = register(metadata(Set.of(LOOPBACK_CALLBACK), "Agent")).toErrorResponse();

		assertThat(refused.getErrorObject().getHTTPStatusCode()).isEqualTo(403);
		assertThat(refused.getErrorObject().getCode()).isEqualTo("access_denied");
		Http http = new Http(this.port);
		assertThat(http.get("/.well-known/oauth-authorization-server").json().has("registration_endpoint")).isFalse();
		assertThat(http.get("/.well-known/openid-configuration").json().has("registration_endpoint")).isFalse();
	}

	@Test
	void adminPageWhenTheBoxIsUntickedThenRegistrationClosesAndTheListShowsWhoRegisteredThemselves() throws Exception {
		String clientId = register(metadata(Set.of(LOOPBACK_CALLBACK), "Listed agent")).toSuccessResponse()
			.getClientInformation()
			.getID()
			.getValue();
		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");
		assertThat(root.get("/admin/apps?q=Listed+agent").body()).contains("Registered dynamically");

		root.submit("/admin/apps", "/admin/apps/registration", "unusedDays=7");

		assertThat(this.settings.current()).isEqualTo(new ClientRegistrationSettings.Settings(false, 7));
		assertThat(register(metadata(Set.of(LOOPBACK_CALLBACK), "Too late")).indicatesSuccess()).isFalse();
		assertThat(this.apps.find(clientId)).as("registered apps stay").isPresent();
	}

	@Test
	void purgeWhenAnAppWentUnusedForTheSetDaysThenItGoesAndAUsedOneStays() throws Exception {
		String unused = register(metadata(Set.of(LOOPBACK_CALLBACK), "Forgotten")).toSuccessResponse()
			.getClientInformation()
			.getID()
			.getValue();
		ClientID used = register(metadata(Set.of(LOOPBACK_CALLBACK), "In use")).toSuccessResponse()
			.getClientInformation()
			.getID();
		this.clock.advance(Duration.ofDays(29));
		BrowserSession browser = new BrowserSession(this.port).signIn(this.fixtures.user().username(),
				TestFixtures.PASSWORD);
		this.oauth.code(browser, authorization(used, "user").codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
			.build());
		this.clock.advance(Duration.ofDays(2));

		this.purge.purge();

		assertThat(this.apps.find(unused)).isEmpty();
		assertThat(this.apps.find(used.getValue())).as("a grant made a day ago").isPresent();
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.OAUTH_APP_DELETED_UNUSED, null, null,
				null, 50))).anySatisfy((event) -> assertThat(event.details()).containsEntry("client_id", unused));
	}

	private ClientMetadata metadata(Set<URI> callbacks, String name) {
		ClientMetadata metadata = new ClientMetadata();
		metadata.setRedirectionURIs(callbacks);
		metadata.setName(name);
		metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
		metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
		metadata.setResponseTypes(Set.of(ResponseType.CODE));
		return metadata;
	}

	private ClientRegistrationRequest registration(ClientMetadata metadata) {
		return new ClientRegistrationRequest(this.oauth.endpoint("/oauth2/register"), metadata, null);
	}

	private ClientRegistrationResponse register(ClientMetadata metadata) throws Exception {
		return ClientRegistrationResponse.parse(registration(metadata).toHTTPRequest().send());
	}

	private AuthorizationRequest.Builder authorization(ClientID client, String scope) {
		return new AuthorizationRequest.Builder(ResponseType.CODE, client).endpointURI(this.oauth.endpoint("/oauth2/authorize"))
			.redirectionURI(LOOPBACK_CALLBACK)
			.scope(Scope.parse(scope))
			.state(new State());
	}

}
