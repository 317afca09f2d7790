package dev.latchkey.server.oauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.token.Expiration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8693 with the Nimbus SDK: an agent's backend, allowed by an admin, trades the token a
 * user gave it for a narrower, shorter one bound to one API, optionally naming itself as the
 * actor; and each way of asking for more than the subject token has is refused.
 */
@LatchkeyTest
class TokenExchangeTests {

	private static final String NOTES_API = "https://notes.example/api";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	ResourceServers resourceServers;

	@Autowired
	AuditLog audit;

	@Autowired
	MutableClock clock;

	OAuthTestSupport oauth;

	Account user;

	RegisteredApp agent;

	RegisteredApp notesApi;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.user = this.fixtures.user();
		Account developer = this.fixtures.user();
		this.agent = this.apps.register(developer.id(),
				new AppForm("Agent backend", "https://agent.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.notesApi = this.apps.register(developer.id(),
				new AppForm("Notes API", "https://notes.example", null, "https://notes.example/cb", "confidential"));
		this.resourceServers.mark(this.notesApi.app().clientId(), true, NOTES_API);
		this.resourceServers.allowTokenExchange(this.agent.app().clientId(), true);
	}

	@Test
	void exchangeWhenAllowedThenANarrowerHourLongTokenBoundToTheApiForTheSameUser() throws Exception {
		String personal = this.fixtures.token(this.user, "user", "notes:read", "notes:write").secret().reveal();

		TokenResponse response = exchange(personal, null, "notes:read", NOTES_API);

		assertThat(response.indicatesSuccess()).as("exchange").isTrue();
		AccessToken issued = response.toSuccessResponse().getTokens().getAccessToken();
		assertThat(issued.getValue()).startsWith("lko_");
		assertThat(issued.getScope()).isEqualTo(Scope.parse("notes:read"));
		assertThat(issued.getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);
		assertThat(issued.getLifetime()).isBetween(3500L, 3600L);
		TokenIntrospectionSuccessResponse seen = this.oauth.introspect(this.notesApi, issued.getValue());
		assertThat(seen.getUsername()).isEqualTo(this.user.username());
		assertThat(seen.getClientID().getValue()).isEqualTo(this.agent.app().clientId());
		assertThat(seen.getAudience()).extracting(Object::toString).containsExactly(NOTES_API);
		assertThat(seen.toJSONObject()).doesNotContainKey("act");
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(issued.getValue())).status())
			.as("bound to the notes API, not Latchkey's")
			.isEqualTo(401);
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.OAUTH_TOKEN_EXCHANGED, null, null,
				null, 10))).singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("client_id", this.agent.app().clientId())
				.containsEntry("resource", NOTES_API));
	}

	@Test
	void exchangeWhenActorTokenGivenThenTheNewTokenNamesTheActor() throws Exception {
		exchangedTokenNamesItsActor(this.port, this.fixtures, this.apps, this.resourceServers);
	}

	/** An exchange with an actor token, from the admin's allowing it to the API's introspection; run on PostgreSQL too. */
	static void exchangedTokenNamesItsActor(int port, TestFixtures fixtures, OAuthAppService apps,
			ResourceServers resourceServers) throws Exception {
		OAuthTestSupport oauth = new OAuthTestSupport(port);
		Account user = fixtures.user();
		Account developer = fixtures.user();
		RegisteredApp agent = apps.register(developer.id(),
				new AppForm("Agent backend", "https://agent.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		RegisteredApp api = apps.register(developer.id(),
				new AppForm("Notes API", "https://notes.example", null, "https://notes.example/cb", "confidential"));
		resourceServers.mark(api.app().clientId(), true, NOTES_API);
		resourceServers.allowTokenExchange(agent.app().clientId(), true);
		String personal = fixtures.token(user, "notes:read").secret().reveal();
		String agentsOwn = oauth.token(OAuthTestSupport.basic(agent), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
		TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessAccessToken(personal), TokenTypeURI.ACCESS_TOKEN,
				new TypelessAccessToken(agentsOwn), TokenTypeURI.ACCESS_TOKEN, null, null);

		TokenResponse response = TokenResponse.parse(new TokenRequest.Builder(oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(agent), grant)
			.resources(URI.create(NOTES_API))
			.build()
			.toHTTPRequest()
			.send());

		TokenIntrospectionSuccessResponse seen = oauth.introspect(api,
				response.toSuccessResponse().getTokens().getAccessToken().getValue());
		assertThat(seen.getUsername()).isEqualTo(user.username());
		assertThat(seen.toJSONObject().get("act")).isEqualTo(Map.of("sub", agent.app().clientId()));
	}

	@Test
	void exchangeWhenSubjectExpiresSoonerThenTheNewTokenEndsWithIt() throws Exception {
		Instant soon = this.clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		String personal = this.fixtures.token(this.user, new Expiration.At(soon), "notes:read").secret().reveal();

		AccessToken issued = exchange(personal, null, "notes:read", NOTES_API).toSuccessResponse()
			.getTokens()
			.getAccessToken();

		assertThat(this.oauth.introspect(this.notesApi, issued.getValue()).getExpirationTime().toInstant())
			.isEqualTo(soon);
	}

	@Test
	void exchangeWhenItWouldWidenThenRefusedEachWay() throws Exception {
		String readOnly = this.fixtures.token(this.user, "user", "notes:read").secret().reveal();
		assertError(exchange(readOnly, null, "notes:write", NOTES_API), "invalid_scope");
		assertError(exchange(readOnly, null, "tokens:read", NOTES_API), "invalid_scope");
		assertError(exchange(readOnly, null, "notes:read", null), "invalid_target");
		assertError(exchange(readOnly, null, "notes:read", "https://unknown.example/api"), "invalid_target");
		assertError(exchange("lkp_" + "0".repeat(36), null, "notes:read", NOTES_API), "invalid_grant");

		String boundToLatchkey = this.oauth
			.token(OAuthTestSupport.basic(this.agent), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
		assertError(exchange(boundToLatchkey, null, null, NOTES_API), "invalid_grant");
	}

	@Test
	void exchangeWhenTheAppIsNotAllowedThenUnauthorizedClient() throws Exception {
		this.resourceServers.allowTokenExchange(this.agent.app().clientId(), false);
		String personal = this.fixtures.token(this.user, "notes:read").secret().reveal();

		assertError(exchange(personal, null, "notes:read", NOTES_API), "unauthorized_client");
	}

	@Test
	void adminApiWhenAllowingAndDisallowingThenShownLoggedAndRefusedForAPublicApp() {
		String admin = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();
		Http http = new Http(this.port);
		String path = "/api/v1/admin/apps/" + this.notesApi.app().clientId() + "/token-exchange";

		assertThat(http.put(path, Http.bearer(admin)).status()).isEqualTo(204);
		assertThat(http.get("/api/v1/admin/apps/" + this.notesApi.app().clientId(), Http.bearer(admin)).json()
			.get("token_exchange").asBoolean()).isTrue();
		assertThat(http.delete(path, Http.bearer(admin)).status()).isEqualTo(204);
		assertThat(http.get("/api/v1/admin/apps/" + this.notesApi.app().clientId(), Http.bearer(admin)).json()
			.get("token_exchange").asBoolean()).isFalse();
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.TOKEN_EXCHANGE_DISALLOWED, null, null,
				null, 50))).anySatisfy((event) -> assertThat(event.details())
					.containsEntry("client_id", this.notesApi.app().clientId()));

		RegisteredApp cli = this.apps.register(this.user.id(),
				new AppForm("A CLI", "https://cli.example", null, OAuthTestSupport.CALLBACK, "public"));
		assertThat(http.put("/api/v1/admin/apps/" + cli.app().clientId() + "/token-exchange", Http.bearer(admin))
			.status()).as("a public app can't authenticate to exchange").isEqualTo(422);
	}

	private TokenResponse exchange(String subject, String actor, String scope, String resource) throws Exception {
		TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessAccessToken(subject), TokenTypeURI.ACCESS_TOKEN,
				(actor != null) ? new TypelessAccessToken(actor) : null, (actor != null) ? TokenTypeURI.ACCESS_TOKEN : null,
				null, null);
		TokenRequest.Builder request = new TokenRequest.Builder(this.oauth.endpoint("/oauth2/token"),
				OAuthTestSupport.basic(this.agent), grant);
		if (scope != null) {
			request.scope(Scope.parse(scope));
		}
		if (resource != null) {
			request.resources(URI.create(resource));
		}
		return TokenResponse.parse(request.build().toHTTPRequest().send());
	}

	private static void assertError(TokenResponse response, String code) {
		assertThat(response.indicatesSuccess()).as(code).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(code);
	}

}
