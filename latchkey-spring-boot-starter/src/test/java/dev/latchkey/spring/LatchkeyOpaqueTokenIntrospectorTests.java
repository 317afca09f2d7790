package dev.latchkey.spring;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.latchkey.client.TokenInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** RFC 8707 at the API: a token bound to other APIs is refused, one bound to this API or to none is let in. */
class LatchkeyOpaqueTokenIntrospectorTests {

	private static final String NOTES = "https://notes.example/mcp";

	@Test
	void introspectWhenBoundToAnotherApiThenRefused() {
		LatchkeyOpaqueTokenIntrospector introspector = new LatchkeyOpaqueTokenIntrospector(
				(token) -> bound(Set.of("https://other.example/api")), NOTES);
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> introspector.introspect("t"))
			.withMessageContaining("another API");
	}

	@Test
	void introspectWhenBoundToThisApiOrToNoneThenAccepted() {
		assertThat(new LatchkeyOpaqueTokenIntrospector((token) -> bound(Set.of(NOTES, "https://other.example/api")), NOTES)
			.introspect("t")
			.getName()).isEqualTo("mona");
		assertThat(new LatchkeyOpaqueTokenIntrospector((token) -> bound(Set.of()), NOTES).introspect("t").getName())
			.isEqualTo("mona");
	}

	@Test
	void introspectWhenNoResourceConfiguredThenAnyAudienceAccepted() {
		assertThat(new LatchkeyOpaqueTokenIntrospector((token) -> bound(Set.of("https://other.example/api")))
			.introspect("t")
			.getName()).isEqualTo("mona");
	}

	private static TokenInfo bound(Set<String> audience) {
		return new TokenInfo(true, Set.of("notes:read"), "agent", "mona", "mona", "Bearer", null, null, "oauth",
				Map.of(), null, audience);
	}

}
