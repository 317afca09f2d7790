package dev.latchkey.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.client.TokenInfo;
import dev.latchkey.client.dpop.ReplayGuard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9449 in an API protected by the starter, through Spring Security's DPoP support: a token
 * Latchkey says is bound to a key ({@code cnf.jkt}) works only with a fresh proof from that key,
 * each proof once, and not as a bearer token; a bearer token can't be sent as bound. The
 * introspection answers are given here; the proofs are real JWTs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = DPoPStarterTests.Api.class,
		properties = { "latchkey.client.issuer-url=http://127.0.0.1:9", "latchkey.client.client-id=api",
				"latchkey.client.client-secret=secret" })
class DPoPStarterTests {

	private static final String BOUND = "lko_bound";

	private static final String BEARER = "lkp_bearer";

	private static final ECKey KEY = newKey();

	/** The replay store the API's nodes share: what the other nodes have recorded. */
	private static final Set<String> SEEN_ELSEWHERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void boundTokenWhenAFreshProofFromItsKeyThenServedAndTheSameProofAgainRefused() throws Exception {
		String proof = proof(KEY, "GET", url(), BOUND);

		HttpResponse<String> served = get("DPoP " + BOUND, proof);
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo("hello mona");

		assertDPoPRefused(get("DPoP " + BOUND, proof));
	}

	@Test
	void boundTokenWhenWithAnotherKeysProofForAnotherRequestOrNoProofThenRefused() throws Exception {
		assertDPoPRefused(get("DPoP " + BOUND, proof(newKey(), "GET", url(), BOUND)));
		assertDPoPRefused(get("DPoP " + BOUND, proof(KEY, "POST", url(), BOUND)));
		assertDPoPRefused(get("DPoP " + BOUND, proof(KEY, "GET", url(), BEARER)));
		assertDPoPRefused(get("DPoP " + BOUND, null));
	}

	@Test
	void boundTokenWhenSentAsBearerThenRefused() throws Exception {
		HttpResponse<String> response = get("Bearer " + BOUND, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
		assertThat(response.headers().firstValue("X-OAuth-Scopes")).isEmpty();
	}

	@Test
	void bearerTokenWhenSentAsDPoPThenRefusedAndAsBearerServed() throws Exception {
		assertDPoPRefused(get("DPoP " + BEARER, proof(KEY, "GET", url(), BEARER)));
		assertThat(get("Bearer " + BEARER, null).statusCode()).isEqualTo(200);
	}

	@Test
	void proofWhenAnotherNodeSawItInTheSharedStoreThenRefusedHereThoughThisProcessNeverDid() throws Exception {
		String proof = proof(KEY, "GET", url(), BOUND);
		SEEN_ELSEWHERE.add(SignedJWT.parse(proof).getJWTClaimsSet().getJWTID());

		HttpResponse<String> refused = get("DPoP " + BOUND, proof);

		assertDPoPRefused(refused);
		assertThat(refused.body()).contains("used before");
	}

	private static void assertDPoPRefused(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("DPoP ")
			.contains("error=\"");
		assertThat(response.headers().firstValue("X-OAuth-Scopes")).as("nothing about the token").isEmpty();
	}

	private HttpResponse<String> get(String authorization, String proof) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url())).header("Authorization", authorization);
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url() {
		return "http://localhost:" + this.port + "/hello";
	}

	private static String proof(ECKey key, String method, String url, String token) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
					.jwk(key.toPublicJWK())
					.build(),
				new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
					.claim("htm", method)
					.claim("htu", url)
					.issueTime(new Date())
					.claim("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(hash))
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static ECKey newKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootApplication
	@RestController
	static class Api {

		@GetMapping("/hello")
		String hello(@org.springframework.security.core.annotation.AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller) {
			return "hello " + caller.getName();
		}

		/** The nodes' shared store of proofs, as a database would hold it. */
		@Bean
		ReplayGuard sharedReplays() {
			return (jti, keepUntil) -> SEEN_ELSEWHERE.add(jti);
		}

		/** Latchkey's answers: one token bound to the test's key, one bearer token. */
		@Bean
		OpaqueTokenIntrospector introspector() {
			return new LatchkeyOpaqueTokenIntrospector((token) -> switch (token) {
				case BOUND -> new TokenInfo(true, Set.of("notes:read"), "agent", "mona", "mona", "DPoP", null, null,
						"oauth", Map.of(), null, Set.of(), thumbprint());
				case BEARER -> new TokenInfo(true, Set.of("notes:read"), null, "mona", "mona", "Bearer", null, null,
						"personal");
				default -> TokenInfo.INACTIVE;
			});
		}

		private static String thumbprint() {
			try {
				return KEY.computeThumbprint().toString();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
