package dev.latchkey.spring;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot API with only the starter and its three properties, pointed at a Latchkey that
 * isn't there: bad tokens get {@code 401} without a call, good-looking ones {@code 503},
 * never a pass and never a {@code 500}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = LatchkeyClientAutoConfigurationTests.Api.class)
class LatchkeyClientAutoConfigurationTests {

	@DynamicPropertySource
	static void latchkey(DynamicPropertyRegistry registry) {
		registry.add("latchkey.client.issuer-url", () -> "http://127.0.0.1:" + closedPort());
		registry.add("latchkey.client.client-id", () -> "api");
		registry.add("latchkey.client.client-secret", () -> "secret");
		registry.add("latchkey.client.timeout", () -> "500ms");
		registry.add("latchkey.client.resource", () -> "https://notes.example/mcp");
		registry.add("latchkey.client.scopes", () -> "notes:read,notes:write");
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void requestWhenNoTokenThenUnauthorizedProblem() throws Exception {
		HttpResponse<String> response = get(null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer realm=\"latchkey\", error=\"invalid_token\"")
			.endsWith(", resource_metadata=\"https://notes.example/.well-known/oauth-protected-resource/mcp\"");
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void metadataWhenFetchedWithoutATokenThenNamesTheResourceLatchkeyAndTheScopes() throws Exception {
		for (String path : new String[] { "/.well-known/oauth-protected-resource/mcp",
				"/.well-known/oauth-protected-resource" }) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			JsonNode metadata = JsonMapper.builder().build().readTree(response.body());
			assertThat(metadata.get("resource").asString()).isEqualTo("https://notes.example/mcp");
			assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo(this.issuer());
			assertThat(metadata.get("scopes_supported").valueStream().map(JsonNode::asString))
				.containsExactly("notes:read", "notes:write");
			assertThat(metadata.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
			assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).isFalse();
		}
	}

	@Test
	void requestWhenChecksumWrongThenUnauthorizedWithoutAskingLatchkey() throws Exception {
		assertThat(get("Bearer lkp_" + "0".repeat(36)).statusCode()).isEqualTo(401);
		assertThat(get("Digest x").statusCode()).isEqualTo(401);
	}

	@Test
	void requestWhenLatchkeyUnreachableThenServiceUnavailable() throws Exception {
		String token = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);
		HttpResponse<String> response = get("token " + token);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("temporarily_unavailable").doesNotContain("hello");
	}

	private HttpResponse<String> get(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/hello"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Autowired
	LatchkeyClientProperties properties;

	private String issuer() {
		return this.properties.issuerUrl().toString();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootApplication
	@RestController
	static class Api {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
