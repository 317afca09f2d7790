package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9728's addresses and the challenge that points to them. */
class ProtectedResourceTests {

	@Test
	void metadataUrlWhenResourceHasAPathThenTheWellKnownPathGoesBeforeIt() {
		assertThat(ProtectedResource.metadataUrl("https://notes.example/mcp"))
			.isEqualTo("https://notes.example/.well-known/oauth-protected-resource/mcp");
		assertThat(ProtectedResource.metadataUrl("http://localhost:8080/api"))
			.isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource/api");
	}

	@Test
	void metadataUrlWhenResourceIsTheHostThenTheBareWellKnownPath() {
		assertThat(ProtectedResource.metadataUrl("https://notes.example"))
			.isEqualTo("https://notes.example/.well-known/oauth-protected-resource");
		assertThat(ProtectedResource.metadataUrl("https://notes.example/"))
			.isEqualTo("https://notes.example/.well-known/oauth-protected-resource");
	}

	@Test
	void challengeWhenMetadataAddedThenLastParameterAndBareChallengeGetsOneToo() {
		assertThat(BearerChallenge.withResourceMetadata(BearerChallenge.invalidToken("Gone."), "https://n.example/m"))
			.isEqualTo("Bearer realm=\"latchkey\", error=\"invalid_token\", error_description=\"Gone.\", "
					+ "resource_metadata=\"https://n.example/m\"");
		assertThat(BearerChallenge.withResourceMetadata("Bearer", "https://n.example/m"))
			.isEqualTo("Bearer resource_metadata=\"https://n.example/m\"");
	}

}
