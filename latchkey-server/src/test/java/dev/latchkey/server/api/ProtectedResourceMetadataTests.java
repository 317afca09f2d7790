package dev.latchkey.server.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728, as a client that knows nothing but the API's address finds its way: the API's
 * {@code 401} names the metadata, the metadata names the authorization server, and that
 * server's own metadata answers with the same issuer.
 */
@LatchkeyTest
class ProtectedResourceMetadataTests {

	private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void challengeWhenFollowedThenMetadataNamesThisServerAndTheApiScopes() {
		Http http = new Http(this.port);
		String base = "http://localhost:" + this.port;
		Http.Response refused = http.get("/api/v1/user");
		assertThat(refused.status()).isEqualTo(401);
		Matcher pointer = RESOURCE_METADATA.matcher(refused.header("WWW-Authenticate"));
		assertThat(pointer.find()).isTrue();
		assertThat(pointer.group(1)).isEqualTo(base + "/.well-known/oauth-protected-resource/api");

		Http.Response answer = http.get(pointer.group(1).substring(base.length()));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		JsonNode metadata = answer.json();
		assertThat(metadata.get("resource").asString()).isEqualTo(base + "/api");
		assertThat(strings(metadata, "authorization_servers")).containsExactly(base);
		assertThat(strings(metadata, "bearer_methods_supported")).containsExactly("header");
		assertThat(strings(metadata, "scopes_supported")).containsExactly("user", "tokens:read", "tokens:write",
				"admin");
		assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).isFalse();

		JsonNode server = http.get("/.well-known/oauth-authorization-server").json();
		assertThat(server.get("issuer").asString()).isEqualTo(strings(metadata, "authorization_servers").get(0));
	}

	@Test
	void bareWellKnownPathWhenFetchedThenTheSameDocumentReadableFromAnyOrigin() {
		Http http = new Http(this.port);
		Http.Response bare = http.get("/.well-known/oauth-protected-resource", "Origin", "https://agent.example");
		assertThat(bare.status()).isEqualTo(200);
		assertThat(bare.json()).isEqualTo(http.get("/.well-known/oauth-protected-resource/api").json());
		assertThat(bare.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(bare.header("Set-Cookie")).isNull();
	}

	@Test
	void otherResourcePathWhenAskedThenNotFound() {
		assertThat(new Http(this.port).get("/.well-known/oauth-protected-resource/elsewhere").status()).isEqualTo(404);
	}

	private static List<String> strings(JsonNode node, String field) {
		return node.get(field).valueStream().map(JsonNode::asString).toList();
	}

}
