package dev.latchkey.server.oauth;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8414 and OpenID Connect Discovery list exactly what Latchkey supports, and every
 * endpoint they name answers.
 */
@LatchkeyTest
class MetadataTests {

	@LocalServerPort
	int port;

	@Test
	void authorizationServerMetadataWhenFetchedThenListsExactlyWhatIsSupported() {
		JsonNode metadata = new Http(this.port).get("/.well-known/oauth-authorization-server").json();
		String issuer = "http://localhost:" + this.port;
		assertThat(metadata.get("issuer").asString()).isEqualTo(issuer);
		assertThat(names(metadata)).containsExactlyInAnyOrder("issuer", "authorization_endpoint", "token_endpoint",
				"token_endpoint_auth_methods_supported", "jwks_uri", "response_types_supported",
				"grant_types_supported", "revocation_endpoint", "revocation_endpoint_auth_methods_supported",
				"introspection_endpoint", "introspection_endpoint_auth_methods_supported",
				"code_challenge_methods_supported", "device_authorization_endpoint", "scopes_supported",
				"authorization_response_iss_parameter_supported", "registration_endpoint",
				"dpop_signing_alg_values_supported", "client_id_metadata_document_supported");
		assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
		assertThat(strings(metadata, "grant_types_supported")).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code",
				"urn:ietf:params:oauth:grant-type:token-exchange");
		assertThat(strings(metadata, "token_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
		assertThat(strings(metadata, "introspection_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
		assertThat(strings(metadata, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(strings(metadata, "response_types_supported")).containsExactly("code");
		assertThat(strings(metadata, "scopes_supported")).contains("openid", "user", "notes:read").doesNotContain("admin");
	}

	@Test
	void openIdConfigurationWhenFetchedThenAddsOnlyOpenIdEndpoints() {
		JsonNode oidc = new Http(this.port).get("/.well-known/openid-configuration").json();
		assertThat(names(oidc)).contains("userinfo_endpoint", "end_session_endpoint", "subject_types_supported",
				"id_token_signing_alg_values_supported")
			.doesNotContain("pushed_authorization_request_endpoint",
					"tls_client_certificate_bound_access_tokens");
		assertThat(strings(oidc, "grant_types_supported")).hasSize(5);
		assertThat(strings(oidc, "token_endpoint_auth_methods_supported")).hasSize(3);
	}

	@Test
	void endpointsWhenListedThenEachOneAnswers() {
		Http http = new Http(this.port);
		JsonNode metadata = http.get("/.well-known/openid-configuration").json();
		String base = "http://localhost:" + this.port;
		assertThat(http.get(path(metadata, "jwks_uri", base)).json().get("keys").size()).isEqualTo(1);
		for (String endpoint : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint",
				"device_authorization_endpoint")) {
			Http.Response response = http.post(path(metadata, endpoint, base), "application/x-www-form-urlencoded", "");
			assertThat(response.status()).as(endpoint).isIn(400, 401);
		}
		assertThat(http.get(path(metadata, "userinfo_endpoint", base)).status()).isEqualTo(401);
		assertThat(http.get(path(metadata, "authorization_endpoint", base)).status()).isIn(302, 400);
	}

	private static Set<String> names(JsonNode node) {
		return new HashSet<>(node.propertyNames());
	}

	private static List<String> strings(JsonNode node, String field) {
		return node.get(field).valueStream().map(JsonNode::asString).toList();
	}

	private static String path(JsonNode metadata, String field, String base) {
		return metadata.get(field).asString().substring(base.length());
	}

}
