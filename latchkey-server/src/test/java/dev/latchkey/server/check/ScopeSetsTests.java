package dev.latchkey.server.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeSetsTests {

	@Test
	void ofWhenTheSameListIsReadTwiceThenBothTokensShareOneSet() {
		// Two rows give two equal strings, not one string.
		String first = new String("user notes:read");
		String second = new String("user notes:read");

		assertThat(ScopeSets.of(first)).containsExactlyInAnyOrder("user", "notes:read")
			.isSameAs(ScopeSets.of(second));
	}

	@Test
	void ofWhenAScopeIsRepeatedThenItIsThereOnce() {
		assertThat(ScopeSets.of("user user tokens:read")).containsExactlyInAnyOrder("user", "tokens:read");
	}

	@Test
	void ofWhenTheListIsBlankOrAbsentThenThereAreNoScopes() {
		assertThat(ScopeSets.of(" ")).isEmpty();
		assertThat(ScopeSets.of(null)).isEmpty();
	}

}
