package dev.latchkey.server.token;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.latchkey.client.TokenKind;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.resource.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits a token sets on the tokens it sees and makes, on their own: no Spring. */
class TokenCeilingTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	@Test
	void coversWhenTheAskingTokenIsLimitedThenOnlyTokensLimitedWithinIt() {
		TokenCeiling notebooks = new TokenCeiling(Set.of("notes:read"), null, Map.of("notebook", Set.of("12", "40")),
				null);
		assertThat(notebooks.covers(selection("notebook", "12"))).isTrue();
		assertThat(notebooks.covers(selection("notebook", "12", "40"))).isTrue();
		assertThat(notebooks.covers(selection("notebook", "12", "99"))).isFalse();
		assertThat(notebooks.covers(ResourceSelection.ALL)).isFalse();
		assertThat(notebooks.covers(selection("project", "1"))).isFalse();
	}

	@Test
	void coversWhenTheAskingTokenIsNotLimitedThenEveryToken() {
		TokenCeiling all = new TokenCeiling(Set.of("user"), null, Map.of(), null);
		assertThat(all.covers(ResourceSelection.ALL)).isTrue();
		assertThat(all.covers(selection("notebook", "12"))).isTrue();
		assertThat(all.limitsResources()).isFalse();
	}

	@Test
	void ofWhenAnOAuthTokenThenItsGrantsEndIsTheLimitAndAPersonalTokensOwnExpiry() {
		Instant hourLater = NOW.plusSeconds(3600);
		Instant monthsLater = NOW.plusSeconds(90 * 86400L);
		ActiveToken oauth = new ActiveToken("a1", 1L, "mona", false, Set.of("user"), NOW, hourLater, "hash",
				new ActiveToken.OAuth("latchkey-cli", monthsLater));
		ActiveToken personal = new ActiveToken("7", 1L, "mona", false, Set.of("user"), NOW, hourLater, "hash",
				new ActiveToken.Personal(null, Map.of("notebook", Set.of("12")), null));
		assertThat(oauth.kind()).isEqualTo(TokenKind.OAUTH_ACCESS);
		assertThat(TokenCeiling.of(oauth).expiresAt()).isEqualTo(monthsLater);
		assertThat(TokenCeiling.of(oauth).clientId()).isEqualTo("latchkey-cli");
		assertThat(TokenCeiling.of(personal).expiresAt()).isEqualTo(hourLater);
		assertThat(TokenCeiling.of(personal).resources()).containsEntry("notebook", Set.of("12"));
		assertThat(personal.clientId()).isNull();
	}

	private static ResourceSelection selection(String type, String... ids) {
		return new ResourceSelection(
				Map.of(type, java.util.Arrays.stream(ids).map((id) -> new Resource(id, "n" + id)).toList()));
	}

}
