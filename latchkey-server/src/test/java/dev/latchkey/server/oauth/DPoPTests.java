package dev.latchkey.server.oauth;

import java.net.URI;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9449 with the Nimbus SDK: a client that proves a key at the token endpoint gets a token
 * bound to it, and Latchkey's API then wants a fresh proof with that key on every request; a
 * stolen token without the key, a replayed or borrowed proof, or the token sent as a bearer
 * token, gets {@code 401}.
 */
@LatchkeyTest
class DPoPTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	MutableClock clock;

	OAuthTestSupport oauth;

	Account user;

	RegisteredApp app;

	DefaultDPoPProofFactory proofs;

	URI userEndpoint;

	@BeforeEach
	void setUp() throws Exception {
		this.oauth = new OAuthTestSupport(this.port);
		this.user = this.fixtures.user();
		this.app = this.apps.register(this.user.id(),
				new AppForm("DPoP app", "https://dpop.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		this.proofs = new DefaultDPoPProofFactory(newKey(), JWSAlgorithm.ES256);
		this.userEndpoint = URI.create("http://localhost:" + this.port + "/api/v1/user");
	}

	@Test
	void tokenWhenRequestedWithAProofThenBoundToItsKeyAndTheApiWantsAProofEachTime() throws Exception {
		DPoPAccessToken token = boundToken();

		var introspected = this.oauth.introspect(this.app, token.getValue()).toJSONObject();
		assertThat(introspected.get("token_type")).isEqualTo("DPoP");
		assertThat(introspected.get("cnf")).isEqualTo(java.util.Map.of("jkt",
				this.proofs.getPublicJWK().computeThumbprint().toString()));

		Http.Response me = call(token, proofFor("GET", this.userEndpoint, token));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(this.user.username());
		assertThat(call(token, proofFor("GET", this.userEndpoint, token)).status()).as("a fresh proof each time")
			.isEqualTo(200);
	}

	@Test
	void apiWhenTheProofIsMissingReplayedOrForAnotherRequestThenUnauthorized() throws Exception {
		DPoPAccessToken token = boundToken();
		String used = proofFor("GET", this.userEndpoint, token);
		assertThat(call(token, used).status()).isEqualTo(200);

		assertDPoPRefused(call(token, used), "invalid_dpop_proof", "used before");
		assertDPoPRefused(call(token, null), "invalid_dpop_proof", "DPoP header");
		assertDPoPRefused(call(token, proofFor("POST", this.userEndpoint, token)), "invalid_dpop_proof", "htm");
		assertDPoPRefused(call(token, proofFor("GET", URI.create("http://localhost:" + this.port + "/api/v1/user/tokens"),
				token)), "invalid_dpop_proof", "htu");
		DPoPAccessToken other = boundToken();
		assertDPoPRefused(call(token, proofFor("GET", this.userEndpoint, other)), "invalid_dpop_proof", "ath");
	}

	@Test
	void apiWhenAThiefHasTheTokenButNotTheKeyThenUnauthorized() throws Exception {
		DPoPAccessToken token = boundToken();
		DefaultDPoPProofFactory thief = new DefaultDPoPProofFactory(newKey(), JWSAlgorithm.ES256);
		String thiefsProof = thief.createDPoPJWT(new JWTID(), "GET", this.userEndpoint, Date.from(this.clock.instant()),
				token).serialize();

		assertDPoPRefused(call(token, thiefsProof), "invalid_dpop_proof", "isn't bound to");
		Http.Response asBearer = new Http(this.port).get("/api/v1/user", Http.bearer(token.getValue()));
		assertDPoPRefused(asBearer, "invalid_token", "DPoP-bound");
	}

	@Test
	void apiWhenABearerTokenIsSentAsDPoPThenRefusedAndItsBearerUseStillWorks() throws Exception {
		String personal = this.fixtures.token(this.user, "user").secret().reveal();
		Http.Response refused = new Http(this.port).get("/api/v1/user", "Authorization", "DPoP " + personal, "DPoP",
				proofFor("GET", this.userEndpoint, new DPoPAccessToken(personal)));
		assertDPoPRefused(refused, "invalid_token", "isn't DPoP-bound");
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(personal)).status()).isEqualTo(200);
	}

	@Test
	void metadataWhenReadThenBothDocumentsListTheProofAlgorithms() {
		Http http = new Http(this.port);
		assertThat(http.get("/.well-known/oauth-authorization-server").json().get("dpop_signing_alg_values_supported")
			.valueStream()
			.map((node) -> node.asString())).contains("ES256", "RS256");
		assertThat(http.get("/.well-known/oauth-protected-resource/api").json().get("dpop_signing_alg_values_supported")
			.valueStream()
			.map((node) -> node.asString())).contains("ES256", "RS256");
	}

	private DPoPAccessToken boundToken() throws Exception {
		return boundToken(this.port, this.user, this.app, this.proofs);
	}

	/** A user's token from the code flow, its token request carrying a proof made now (the token endpoint reads the system clock). */
	static DPoPAccessToken boundToken(int port, Account user, RegisteredApp app, DefaultDPoPProofFactory proofs)
			throws Exception {
		OAuthTestSupport oauth = new OAuthTestSupport(port);
		CodeVerifier verifier = OAuthTestSupport.verifier();
		AuthorizationCode code = oauth.code(new BrowserSession(port).signIn(user.username(), TestFixtures.PASSWORD),
				OAuthTestSupport.withPkce(oauth.authorizationRequest(app, "user"), verifier).build());
		HTTPRequest request = new TokenRequest(oauth.endpoint("/oauth2/token"), OAuthTestSupport.basic(app),
				new AuthorizationCodeGrant(code, URI.create(OAuthTestSupport.CALLBACK), verifier))
			.toHTTPRequest();
		SignedJWT proof = proofs.createDPoPJWT("POST", oauth.endpoint("/oauth2/token"));
		request.setDPoP(proof);
		TokenResponse response = TokenResponse.parse(request.send());
		assertThat(response.indicatesSuccess()).as("token response").isTrue();
		AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
		assertThat(token.getType()).isEqualTo(AccessTokenType.DPOP);
		return (DPoPAccessToken) token;
	}

	/** A bound token works with a fresh proof and not with a used one; run on PostgreSQL too. */
	static void boundTokenTakesEachProofOnce(int port, TestFixtures fixtures, OAuthAppService apps,
			java.time.Clock clock) throws Exception {
		Account user = fixtures.user();
		RegisteredApp app = apps.register(user.id(),
				new AppForm("DPoP app", "https://dpop.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(newKey(), JWSAlgorithm.ES256);
		DPoPAccessToken token = boundToken(port, user, app, proofs);
		String proof = proofs.createDPoPJWT(new JWTID(), "GET", URI.create("http://localhost:" + port + "/api/v1/user"),
				Date.from(clock.instant()), token).serialize();
		String[] headers = { "Authorization", "DPoP " + token.getValue(), "DPoP", proof };

		assertThat(new Http(port).get("/api/v1/user", headers).status()).isEqualTo(200);
		assertDPoPRefused(new Http(port).get("/api/v1/user", headers), "invalid_dpop_proof", "used before");
	}

	/** A proof for an API request, made at the server's time (its tests move its clock). */
	private String proofFor(String method, URI uri, AccessToken token) throws Exception {
		return this.proofs.createDPoPJWT(new JWTID(), method, uri, Date.from(this.clock.instant()), token).serialize();
	}

	private Http.Response call(DPoPAccessToken token, String proof) {
		return (proof != null)
				? new Http(this.port).get("/api/v1/user", "Authorization", "DPoP " + token.getValue(), "DPoP", proof)
				: new Http(this.port).get("/api/v1/user", "Authorization", "DPoP " + token.getValue());
	}

	private static void assertDPoPRefused(Http.Response response, String error, String why) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP ")
			.contains("error=\"" + error + "\"")
			.contains("algs=\"");
		assertThat(response.json().get("detail").asString()).contains(why);
	}

	private static ECKey newKey() throws Exception {
		return new ECKeyGenerator(Curve.P_256).generate();
	}

}
