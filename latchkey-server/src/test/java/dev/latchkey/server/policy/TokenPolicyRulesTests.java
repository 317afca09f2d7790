package dev.latchkey.server.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.latchkey.server.input.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy's rules on their own: no Spring, no database. */
class TokenPolicyRulesTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final TokenPolicy STRICT = new TokenPolicy(30, true, List.of("user", "notes:read"), true, 3, 7,
			null);

	@Test
	void ownerProblemWhenAdminsOnlyThenPersonalTokensOfOthersRefusedAndSanctionedAllowed() {
		assertThat(STRICT.ownerProblem(false, false)).map(FieldProblem::code).contains("admins_only");
		assertThat(STRICT.ownerProblem(true, false)).isEmpty();
		assertThat(STRICT.ownerProblem(false, true)).isEmpty();
		assertThat(TokenPolicy.NONE.ownerProblem(false, false)).isEmpty();
	}

	@Test
	void countProblemWhenAtTheLimitThenRefusedAndBelowItAllowed() {
		assertThat(STRICT.countProblem(2)).isEmpty();
		assertThat(STRICT.countProblem(3)).map(FieldProblem::code).contains("too_many_tokens");
		assertThat(TokenPolicy.NONE.countProblem(1_000_000)).isEmpty();
	}

	@Test
	void allowsScopesWhenListedThenOnlyThoseAndAllWhenNoList() {
		assertThat(STRICT.allowsScope("notes:read")).isTrue();
		assertThat(STRICT.allowsScope("notes:write")).isFalse();
		assertThat(STRICT.allowsScopes(List.of("user", "notes:read"))).isTrue();
		assertThat(STRICT.allowsScopes(List.of("user", "notes:write"))).isFalse();
		assertThat(TokenPolicy.NONE.allowsScopes(List.of("anything"))).isTrue();
	}

	@Test
	void expirationProblemWhenMissingOrTooFarThenNamedAndSanctionedTokensHaveTheirOwnLimit() {
		assertThat(STRICT.expirationProblem(null, false, NOW)).map(FieldProblem::code).contains("required_by_policy");
		assertThat(STRICT.expirationProblem(NOW.plus(Duration.ofDays(30)), false, NOW)).isEmpty();
		assertThat(STRICT.expirationProblem(NOW.plus(Duration.ofDays(31)), false, NOW)).map(FieldProblem::code)
			.contains("exceeds_policy");
		assertThat(STRICT.expirationProblem(NOW.plus(Duration.ofDays(8)), true, NOW)).map(FieldProblem::code)
			.contains("exceeds_policy");
		assertThat(STRICT.expirationProblem(null, true, NOW)).map(FieldProblem::code).contains("required_by_policy");
		assertThat(TokenPolicy.NONE.expirationProblem(null, true, NOW)).isEmpty();
	}

	@Test
	void breachWhenATokenMadeUnderALooserPolicyThenTheFirstBrokenRuleIsNamed() {
		Instant far = NOW.plus(Duration.ofDays(365));
		assertThat(STRICT.breach(List.of("user"), far, false, false, NOW))
			.contains("personal access tokens are for admins only");
		assertThat(STRICT.breach(List.of("notes:write"), far, true, false, NOW))
			.contains("it carries a scope the policy doesn't allow");
		assertThat(STRICT.breach(List.of("user"), null, true, false, NOW)).contains("tokens must have an expiration");
		assertThat(STRICT.breach(List.of("user"), far, true, false, NOW)).contains("tokens may live at most 30 days");
		assertThat(STRICT.breach(List.of("user"), NOW.plus(Duration.ofDays(1)), true, false, NOW)).isEmpty();
	}

}
