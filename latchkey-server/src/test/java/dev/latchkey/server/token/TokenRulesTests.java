package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.scope.ScopeDefinition;
import dev.latchkey.server.scope.ScopeProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a new or regenerated token on their own: no Spring, no database. */
class TokenRulesTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private final TokenRules rules = new TokenRules(
			new ScopeCatalogue(new ScopeProperties(List.of(new ScopeDefinition("notes:read", "Read notes"),
					new ScopeDefinition("notes:write", "Write notes")))),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final List<FieldProblem> problems = new ArrayList<>();

	@Test
	void checkNameWhenBlankTooLongControlOrTakenThenEachNamed() {
		assertThat(this.rules.checkName("  deploy  ", (name) -> false, this.problems)).isEqualTo("deploy");
		assertThat(this.problems).isEmpty();
		this.rules.checkName(" ", (name) -> false, this.problems);
		this.rules.checkName("x".repeat(TokenRules.MAX_NAME_LENGTH + 1), (name) -> false, this.problems);
		this.rules.checkName("a\u0007b", (name) -> false, this.problems);
		this.rules.checkName("deploy", "deploy"::equals, this.problems);
		assertThat(codes()).containsExactly("missing", "too_long", "invalid", "already_exists");
	}

	@Test
	void checkScopesWhenUnknownAdminDisallowedOrBeyondTheCeilingThenEachNamed() {
		TokenPolicy onlyRead = new TokenPolicy(null, false, List.of("user", "notes:read", "admin"), false, null);
		TokenCeiling ceiling = new TokenCeiling(java.util.Set.of("user"), null, Map.of(), null);
		List<String> granted = this.rules.checkScopes(List.of("nope", "admin", "notes:write", "notes:read"), false,
				ceiling, onlyRead, false, this.problems);
		assertThat(codes()).containsExactly("unknown", "not_grantable", "not_allowed_by_policy", "exceeds_token");
		// The known ones in the catalogue's order; with problems, the token is refused anyway.
		assertThat(granted).containsExactly("admin", "notes:read", "notes:write");
	}

	@Test
	void checkScopesWhenSanctionedThenAccountScopesRefusedAndNoneAtAllIsMissing() {
		this.rules.checkScopes(List.of("notes:read", ScopeCatalogue.TOKENS_WRITE), false, null, TokenPolicy.NONE, true,
				this.problems);
		this.rules.checkScopes(List.of(), false, null, TokenPolicy.NONE, false, this.problems);
		assertThat(codes()).containsExactly("not_for_delegates", "missing");
	}

	@Test
	void checkExpirationWhenWithinEveryLimitThenResolvedToTheSecond() {
		Instant at = this.rules.checkExpiration(new Expiration.InDays(30), null, TokenPolicy.NONE, false, this.problems);
		assertThat(at).isEqualTo(NOW.plus(Duration.ofDays(30)));
		assertThat(this.rules.checkExpiration(new Expiration.Never(), null, TokenPolicy.NONE, false, this.problems))
			.isNull();
		assertThat(this.problems).isEmpty();
	}

	@Test
	void checkExpirationWhenPastTooFarOrOutOfRangeThenLatchkeysOwnLimitsNamed() {
		this.rules.checkExpiration(new Expiration.At(NOW.minusSeconds(1)), null, TokenPolicy.NONE, false, this.problems);
		this.rules.checkExpiration(new Expiration.OnDate(LocalDate.of(2040, 1, 1)), null, TokenPolicy.NONE, false,
				this.problems);
		this.rules.checkExpiration(new Expiration.InDays(0), null, TokenPolicy.NONE, false, this.problems);
		assertThat(codes()).containsExactly("in_past", "too_far", "out_of_range");
	}

	@Test
	void checkExpirationWhenThePolicyOrTheAskingTokenLimitsItThenNamed() {
		TokenPolicy month = new TokenPolicy(30, true, null, false, null);
		this.rules.checkExpiration(new Expiration.Never(), null, month, false, this.problems);
		this.rules.checkExpiration(new Expiration.InDays(60), null, month, false, this.problems);
		TokenCeiling week = new TokenCeiling(java.util.Set.of("user"), NOW.plus(Duration.ofDays(7)), Map.of(), null);
		this.rules.checkExpiration(new Expiration.InDays(8), week, TokenPolicy.NONE, false, this.problems);
		this.rules.checkExpiration(new Expiration.Never(), week, TokenPolicy.NONE, false, this.problems);
		assertThat(codes()).containsExactly("required_by_policy", "exceeds_policy", "exceeds_token", "exceeds_token");
	}

	@Test
	void checkOwnerWhenThePolicyLimitsWhoOrHowManyThenNamed() {
		TokenPolicy policy = new TokenPolicy(null, false, null, true, 2);
		this.rules.checkOwner(policy, false, false, 0, this.problems);
		this.rules.checkOwner(policy, true, false, 2, this.problems);
		this.rules.checkOwner(policy, true, false, 1, this.problems);
		assertThat(codes()).containsExactly("admins_only", "too_many_tokens");
	}

	@Test
	void checkRateLimitWhenOutOfRangeThenNamed() {
		this.rules.checkRateLimit(null, this.problems);
		this.rules.checkRateLimit(5000, this.problems);
		assertThat(this.problems).isEmpty();
		this.rules.checkRateLimit(0, this.problems);
		this.rules.checkRateLimit(TokenRules.MAX_RATE_LIMIT + 1, this.problems);
		assertThat(codes()).containsExactly("out_of_range", "out_of_range");
	}

	private List<String> codes() {
		return this.problems.stream().map(FieldProblem::code).toList();
	}

}
