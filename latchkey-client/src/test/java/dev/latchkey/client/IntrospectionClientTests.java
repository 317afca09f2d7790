package dev.latchkey.client;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IntrospectionClientTests {

	private final String token = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);

	private FakeIntrospectionServer server;

	private IntrospectionClient client;

	@BeforeEach
	void setUp() throws Exception {
		this.server = new FakeIntrospectionServer();
		// Generous, so a busy machine's first request isn't taken for a slow server; the slow-server test sets its own.
		this.client = new IntrospectionClient(this.server.endpoint(), "notes-api", "s3cret:x", Duration.ofSeconds(10));
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void introspectWhenActiveThenReadsEveryClaimAndAuthenticatesWithBasic() {
		this.server.answer(200, """
				{"active":true,"scope":"user notes:read","client_id":"app","username":"mona","sub":"mona",
				 "token_type":"Bearer","exp":1800000000,"iat":1700000000,"latchkey_token_kind":"oauth"}""");
		TokenInfo info = this.client.introspect(this.token);
		assertThat(info.active()).isTrue();
		assertThat(info.scopes()).containsExactlyInAnyOrder("user", "notes:read");
		assertThat(info.clientId()).isEqualTo("app");
		assertThat(info.username()).isEqualTo("mona");
		assertThat(info.subject()).isEqualTo("mona");
		assertThat(info.tokenType()).isEqualTo("Bearer");
		assertThat(info.expiresAt()).isEqualTo(Instant.ofEpochSecond(1800000000));
		assertThat(info.issuedAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(info.kind()).isEqualTo("oauth");
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString("notes-api:s3cret%3Ax".getBytes(StandardCharsets.UTF_8));
		assertThat(this.server.lastAuthorization()).isEqualTo(expected);
	}

	@Test
	void introspectWhenFineGrainedThenResourcesAndOneCallChecksScopeAndResource() {
		this.server.answer(200, """
				{"active":true,"scope":"notes:read","username":"mona","sub":"mona",
				 "resources":{"notebook":["12","40"]},"act":{"sub":"hubot"}}""");
		TokenInfo info = this.client.introspect(this.token);
		assertThat(info.actor()).isEqualTo("hubot");
		assertThat(info.resources()).containsOnlyKeys("notebook");
		assertThat(info.resources().get("notebook")).containsExactlyInAnyOrder("12", "40");
		assertThat(info.permits("notebook", "12", "notes:read", "notes:write")).isTrue();
		assertThat(info.permits("notebook", "7", "notes:read")).isFalse();
		assertThat(info.permits("notebook", "12", "notes:write")).isFalse();
		assertThat(info.allowsResource("calendar", "1")).isTrue();
		assertThat(info.limits("notebook")).isTrue();
	}

	@Test
	void introspectWhenAudienceGivenThenOnlyThoseApisAcceptTheToken() {
		this.server.answer(200, "{\"active\":true,\"scope\":\"user\",\"aud\":[\"https://notes.example/mcp\"]}");
		TokenInfo bound = this.client.introspect(this.token);
		assertThat(bound.audience()).containsExactly("https://notes.example/mcp");
		assertThat(bound.acceptedBy("https://notes.example/mcp")).isTrue();
		assertThat(bound.acceptedBy("https://other.example/api")).isFalse();

		this.server.answer(200, "{\"active\":true,\"scope\":\"user\",\"aud\":\"https://notes.example/mcp\"}");
		assertThat(this.client.introspect(this.token).audience()).as("a single string").containsExactly(
				"https://notes.example/mcp");

		this.server.answer(200, "{\"active\":true,\"scope\":\"user\"}");
		assertThat(this.client.introspect(this.token).acceptedBy("https://other.example/api")).as("bound to none").isTrue();

		for (String claim : new String[] { "12", "[12]", "{\"a\":1}" }) {
			this.server.answer(200, "{\"active\":true,\"scope\":\"user\",\"aud\":" + claim + "}");
			assertThat(this.client.introspect(this.token)).as(claim).isEqualTo(TokenInfo.INACTIVE);
		}
	}

	@Test
	void introspectWhenDPoPBoundThenTheKeyThumbprintAndAMalformedBindingIsInactive() {
		this.server.answer(200, "{\"active\":true,\"scope\":\"user\",\"token_type\":\"DPoP\",\"cnf\":{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}}");
		assertThat(this.client.introspect(this.token).jkt()).isEqualTo("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

		for (String cnf : new String[] { "\"x\"", "{}", "{\"jkt\":7}" }) {
			this.server.answer(200, "{\"active\":true,\"scope\":\"user\",\"cnf\":" + cnf + "}");
			assertThat(this.client.introspect(this.token)).as(cnf).isEqualTo(TokenInfo.INACTIVE);
		}
	}

	@Test
	void introspectWhenResourcesClaimMalformedThenInactiveRatherThanUnlimited() {
		for (String claim : new String[] { "\"12\"", "{\"notebook\":\"12\"}", "{\"notebook\":[12]}" }) {
			this.server.answer(200, "{\"active\":true,\"scope\":\"notes:read\",\"resources\":" + claim + "}");
			assertThat(this.client.introspect(this.token)).as(claim).isEqualTo(TokenInfo.INACTIVE);
		}
	}

	@Test
	void introspectWhenInactiveOrMalformedAnswerThenInactive() {
		for (String body : new String[] { "{\"active\":false}", "not json", "[]", "{\"active\":\"true\"}", "{}", "" }) {
			this.server.answer(200, body);
			assertThat(this.client.introspect(this.token)).as(body).isEqualTo(TokenInfo.INACTIVE);
		}
	}

	@Test
	void introspectWhenServerErrorsOrRefusesCredentialsThenUnavailable() {
		this.server.answer(500, "{\"active\":true}");
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.client.introspect(this.token));
		this.server.answer(401, "{\"error\":\"invalid_client\"}");
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.client.introspect(this.token));
	}

	@Test
	void introspectWhenServerTooSlowThenUnavailableWithinTheTimeout() {
		this.server.answer(200, "{\"active\":true}");
		this.server.hold();
		IntrospectionClient impatient = new IntrospectionClient(this.server.endpoint(), "notes-api", "s3cret:x",
				Duration.ofMillis(500));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> impatient.introspect(this.token))
			.withMessageContaining("timed out");
	}

	@Test
	void introspectWhenNothingListensThenUnavailable() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		IntrospectionClient nowhere = new IntrospectionClient(URI.create("http://127.0.0.1:" + port + "/oauth2/introspect"),
				"a", "b", Duration.ofMillis(500));
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> nowhere.introspect(this.token));
	}

	@Test
	void endpointOfWhenIssuerGivenThenIntrospectionPath() {
		assertThat(IntrospectionClient.endpointOf(URI.create("https://id.example/")))
			.isEqualTo(URI.create("https://id.example/oauth2/introspect"));
		assertThat(IntrospectionClient.endpointOf(URI.create("https://id.example")))
			.isEqualTo(URI.create("https://id.example/oauth2/introspect"));
	}

}
