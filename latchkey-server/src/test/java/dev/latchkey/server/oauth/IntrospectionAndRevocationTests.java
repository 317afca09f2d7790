package dev.latchkey.server.oauth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.TestResourceServer.NotebookList;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.resource.Resource;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;
import dev.latchkey.server.token.sanctioned.SanctionedTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One introspection endpoint (RFC 7662) and one revocation endpoint (RFC 7009) for every
 * kind of Latchkey token, in every state.
 */
@LatchkeyTest
class IntrospectionAndRevocationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	TokenService tokens;

	@Autowired
	AuditLog audit;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MutableClock clock;

	@Autowired
	NotebookList notebooks;

	@Autowired
	SanctionedTokens sanctioned;

	OAuthTestSupport oauth;

	Http http;

	Account user;

	RegisteredApp resourceServer;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestSupport(this.port);
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.resourceServer = this.apps.register(this.user.id(),
				new AppForm("Notes API", "https://notes.example", null, OAuthTestSupport.CALLBACK, "confidential"));
	}

	@Test
	void introspectWhenPersonalTokenActiveThenPersonalClaimsWithoutClientId() throws Exception {
		IssuedToken pat = this.fixtures.token(this.user, "user", "notes:read");
		TokenIntrospectionSuccessResponse response = this.oauth.introspect(this.resourceServer, pat.secret().reveal());
		assertThat(response.isActive()).isTrue();
		assertThat(response.getScope().toStringList()).containsExactlyInAnyOrder("user", "notes:read");
		assertThat(response.getUsername()).isEqualTo(this.user.username());
		assertThat(response.getSubject().getValue()).isEqualTo(this.user.username());
		assertThat(response.getClientID()).isNull();
		assertThat(response.getTokenType().getValue()).isEqualTo("Bearer");
		assertThat(response.getExpirationTime().toInstant()).isEqualTo(pat.metadata().expiresAt());
		assertThat(response.getIssueTime().toInstant()).isEqualTo(pat.metadata().createdAt());
		assertThat(response.getStringParameter("latchkey_token_kind")).isEqualTo("personal");
	}

	@Test
	void introspectWhenFineGrainedTokenThenResourcesClaimListsTheSelection() throws Exception {
		this.notebooks.give(this.user.username(), new Resource("12", "Work"), new Resource("40", "Diary"));
		IssuedToken limited = this.tokens.create(new TokenService.Owner(this.user.id(), false),
				new TokenRequest("fine-grained", null, List.of("notes:read"), new Expiration.InDays(7), null,
						Map.of("notebook", List.of("12", "40"))),
				null);

		TokenIntrospectionSuccessResponse response = this.oauth.introspect(this.resourceServer,
				limited.secret().reveal());

		assertThat(response.toJSONObject().get("resources")).isEqualTo(Map.of("notebook", List.of("12", "40")));
		IssuedToken unlimited = this.fixtures.token(this.user, "notes:read");
		assertThat(this.oauth.introspect(this.resourceServer, unlimited.secret().reveal()).toJSONObject())
			.doesNotContainKey("resources");
	}

	@Test
	void introspectWhenSanctionedTokenThenSubjectIsTheOwnerAndActNamesTheDelegate() throws Exception {
		Account delegate = this.fixtures.user();
		TokenMetadata waiting = this.sanctioned.sanction(new TokenService.Owner(this.user.id(), false),
				new TokenRequest("for a delegate", null, List.of("notes:read"), new Expiration.InDays(7)),
				delegate.username(), null);
		IssuedToken accepted = this.sanctioned.accept(delegate.id(), waiting.id());

		TokenIntrospectionSuccessResponse response = this.oauth.introspect(this.resourceServer,
				accepted.secret().reveal());

		assertThat(response.isActive()).isTrue();
		assertThat(response.getSubject().getValue()).isEqualTo(this.user.username());
		assertThat(response.getUsername()).isEqualTo(this.user.username());
		assertThat(response.toJSONObject().get("act")).isEqualTo(Map.of("sub", delegate.username()));
	}

	@Test
	void introspectWhenOAuthAccessTokenThenOAuthClaims() throws Exception {
		Tokens issued = this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens();
		TokenIntrospectionSuccessResponse access = this.oauth.introspect(this.resourceServer,
				issued.getAccessToken().getValue());
		assertThat(access.isActive()).isTrue();
		assertThat(access.getClientID().getValue()).isEqualTo(this.resourceServer.app().clientId());
		assertThat(access.getStringParameter("latchkey_token_kind")).isEqualTo("oauth");
		assertThat(access.getExpirationTime()).isNotNull();
	}

	@Test
	void introspectWhenTokenNotLiveThenOnlyActiveFalse() throws Exception {
		IssuedToken revoked = this.fixtures.token(this.user, "user");
		this.tokens.revoke(this.user.id(), revoked.metadata().id());
		IssuedToken expiring = this.fixtures.token(this.user, new Expiration.InDays(1), "user");
		this.clock.advance(Duration.ofDays(1).plusSeconds(1));
		String unknown = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);
		String malformed = "lkp_this-is-not-a-token";
		String clientSecret = this.resourceServer.secret().reveal();
		for (String token : new String[] { revoked.secret().reveal(), expiring.secret().reveal(), unknown, malformed,
				clientSecret, "" + unknown.substring(0, 39) + "x" }) {
			Http.Response response = this.http.post("/oauth2/introspect", "application/x-www-form-urlencoded",
					"token=" + token, basicHeader(this.resourceServer));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().properties()).hasSize(1);
			assertThat(response.json().get("active").asBoolean()).isFalse();
		}
	}

	@Test
	void introspectWhenCallerNotAConfidentialClientThenInvalidClient() {
		IssuedToken pat = this.fixtures.token(this.user, "user");
		Http.Response anonymous = this.http.post("/oauth2/introspect", "application/x-www-form-urlencoded",
				"token=" + pat.secret().reveal());
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().get("error").asString()).isEqualTo("invalid_client");
		Http.Response withPat = this.http.post("/oauth2/introspect", "application/x-www-form-urlencoded",
				"token=" + pat.secret().reveal(), Http.bearer(pat.secret().reveal()));
		assertThat(withPat.status()).isEqualTo(401);
	}

	@Test
	void revokeWhenOAuthAccessTokenThenDeadEverywhere() throws Exception {
		String token = this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
		assertThat(this.http.get("/api/v1/meta", Http.bearer(token)).status()).isEqualTo(200);
		var response = new TokenRevocationRequest(this.oauth.endpoint("/oauth2/revoke"),
				OAuthTestSupport.basic(this.resourceServer), new TypelessAccessToken(token))
			.toHTTPRequest()
			.send();
		assertThat(response.getStatusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/meta", Http.bearer(token)).status()).isEqualTo(401);
		assertThat(this.oauth.introspect(this.resourceServer, token).isActive()).isFalse();
	}

	@Test
	void revokeWhenRefreshTokenThenItsAccessTokenDiesToo() throws Exception {
		Account owner = this.user;
		BrowserSession browser = new BrowserSession(this.port).signIn(owner.username(), TestFixtures.PASSWORD);
		var code = this.oauth.code(browser, this.oauth.authorizationRequest(this.resourceServer, "user").build());
		Tokens issued = this.oauth.exchange(OAuthTestSupport.basic(this.resourceServer), code, null)
			.toSuccessResponse()
			.getTokens();
		assertThat(this.oauth.introspect(this.resourceServer, issued.getRefreshToken().getValue()).isActive()).isTrue();
		new TokenRevocationRequest(this.oauth.endpoint("/oauth2/revoke"), OAuthTestSupport.basic(this.resourceServer),
				new RefreshToken(issued.getRefreshToken().getValue()))
			.toHTTPRequest()
			.send();
		assertThat(this.http.get("/api/v1/user", Http.bearer(issued.getAccessToken().getValue())).status())
			.isEqualTo(401);
		assertThat(this.oauth.introspect(this.resourceServer, issued.getRefreshToken().getValue()).isActive()).isFalse();
	}

	@Test
	void revokeWhenPersonalTokenAndAppOfItsOwnerThenRevoked() throws Exception {
		IssuedToken pat = this.fixtures.token(this.user, "user");
		Http.Response response = this.http.post("/oauth2/revoke", "application/x-www-form-urlencoded",
				"token=" + pat.secret().reveal(), basicHeader(this.resourceServer));
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(pat.secret().reveal())).status()).isEqualTo(401);
	}

	@Test
	void revokeWhenPersonalTokenAndAppOfSomeoneElseThenLeftAloneWithTheSameAnswer() throws Exception {
		Account stranger = this.fixtures.user();
		RegisteredApp strangersApp = this.apps.register(stranger.id(),
				new AppForm("Other", "https://other.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		IssuedToken pat = this.fixtures.token(this.user, "user");
		Http.Response response = this.http.post("/oauth2/revoke", "application/x-www-form-urlencoded",
				"token=" + pat.secret().reveal(), basicHeader(strangersApp));
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(pat.secret().reveal())).status()).isEqualTo(200);
	}

	@Test
	void revokeWhenPersonalTokenPresentsItselfThenRevoked() {
		IssuedToken pat = this.fixtures.token(this.user, "user");
		Http.Response response = this.http.post("/oauth2/revoke", "application/x-www-form-urlencoded",
				"token=" + pat.secret().reveal(), Http.bearer(pat.secret().reveal()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(pat.secret().reveal())).status()).isEqualTo(401);
	}

	@Test
	void deleteAppWhenItHoldsTokensThenEveryTokenIsRevoked() throws Exception {
		String token = this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
		this.apps.delete(this.user.id(), this.resourceServer.app().id());
		assertThat(this.http.get("/api/v1/meta", Http.bearer(token)).status()).isEqualTo(401);
		OAuthGrantsTests.assertError(this.oauth.token(OAuthTestSupport.basic(this.resourceServer),
				new ClientCredentialsGrant()), "invalid_client");
	}

	@Test
	void secondSecretWhenAddedThenBothWorkAndDeletingOneKillsOnlyIt() throws Exception {
		var second = this.apps.generateSecret(this.user.id(), this.resourceServer.app().id());
		RegisteredApp withSecond = new RegisteredApp(this.resourceServer.app(), second);
		assertThat(this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant())
			.indicatesSuccess()).isTrue();
		assertThat(this.oauth.token(OAuthTestSupport.basic(withSecond), new ClientCredentialsGrant()).indicatesSuccess())
			.isTrue();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.apps.generateSecret(this.user.id(), this.resourceServer.app().id()))
			.isInstanceOf(dev.latchkey.server.input.InvalidInputException.class);
		long firstId = this.apps.secrets(this.resourceServer.app()).get(0).id();
		this.apps.deleteSecret(this.user.id(), this.resourceServer.app().id(), firstId);
		OAuthGrantsTests.assertError(this.oauth.token(OAuthTestSupport.basic(this.resourceServer),
				new ClientCredentialsGrant()), "invalid_client");
		assertThat(this.oauth.token(OAuthTestSupport.basic(withSecond), new ClientCredentialsGrant()).indicatesSuccess())
			.isTrue();
	}

	@Test
	void leakReportWhenRefreshTokenListedThenWholeGrantRevokedAndLogged() throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		var code = this.oauth.code(browser, this.oauth.authorizationRequest(this.resourceServer, "user").build());
		Tokens issued = this.oauth.exchange(OAuthTestSupport.basic(this.resourceServer), code, null)
			.toSuccessResponse()
			.getTokens();
		String access = issued.getAccessToken().getValue();
		assertThat(this.http.get("/api/v1/user", Http.bearer(access)).status()).isEqualTo(200);

		Http.Response report = this.http.postJson("/api/v1/credentials/revoke",
				"{\"credentials\": [\"" + issued.getRefreshToken().getValue() + "\"]}");

		assertThat(report.status()).isEqualTo(202);
		assertThat(this.http.get("/api/v1/user", Http.bearer(access)).status()).isEqualTo(401);
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.OAUTH_TOKEN_REPORTED_LEAKED,
				null, null, null, 10)))
			.singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("client_id",
					this.resourceServer.app().clientId()));
	}

	@Test
	void leakReportWhenClientSecretListedThenSecretDeletedOwnerMailedAndLogged() throws Exception {
		assertThat(this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant())
			.indicatesSuccess()).isTrue();

		Http.Response report = this.http.postJson("/api/v1/credentials/revoke",
				"{\"credentials\": [\"" + this.resourceServer.secret().reveal() + "\"]}");

		assertThat(report.status()).isEqualTo(202);
		OAuthGrantsTests.assertError(
				this.oauth.token(OAuthTestSupport.basic(this.resourceServer), new ClientCredentialsGrant()),
				"invalid_client");
		assertThat(this.mail.deliveredTo(this.user.email()).getSubject()).contains("client secret");
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), SecurityAction.CLIENT_SECRET_REPORTED_LEAKED,
				null, null, null, 10)))
			.singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("client_id",
					this.resourceServer.app().clientId()));
	}

	@Test
	void authorizedAppsWhenRevokedThenGrantTokensDieAndConsentIsAskedAgain() throws Exception {
		BrowserSession browser = new BrowserSession(this.port).signIn(this.user.username(), TestFixtures.PASSWORD);
		var code = this.oauth.code(browser, this.oauth.authorizationRequest(this.resourceServer, "user").build());
		Tokens issued = this.oauth.exchange(OAuthTestSupport.basic(this.resourceServer), code, null)
			.toSuccessResponse()
			.getTokens();
		this.http.get("/api/v1/user", Http.bearer(issued.getAccessToken().getValue()));
		String page = browser.get("/settings/applications").body();
		assertThat(page).contains("Notes API").contains("user");
		browser.post("/settings/applications/" + this.resourceServer.app().clientId() + "/revoke",
				Map.of("_csrf", BrowserSession.csrf(page)));
		assertThat(this.http.get("/api/v1/user", Http.bearer(issued.getAccessToken().getValue())).status())
			.isEqualTo(401);
		assertThat(browser.get("/settings/applications").body()).doesNotContain("Notes API");
		String again = BrowserSession.location(
				browser.get(this.oauth.authorizationRequest(this.resourceServer, "user").build().toURI().toString()));
		assertThat(again).contains("/oauth2/consent");
		assertThat(this.audit.find(new SecurityEventQuery(this.user.id(), null, null, null, null, 10)))
			.extracting(SecurityEvent::action)
			.containsSubsequence(SecurityAction.OAUTH_APP_REVOKED, SecurityAction.OAUTH_APP_AUTHORIZED);
	}

	private static String[] basicHeader(RegisteredApp app) {
		return Http.basic(app.app().clientId(), app.secret().reveal());
	}

}
