package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * The rules a new or regenerated personal access token must meet, apart from its resources:
 * Latchkey's own limits, the admins' policy, and the ceiling of a token that asks for another.
 * Each check adds what is wrong to a list, so one answer names every field at fault. Plain
 * Java, no database and no Spring: what needs stored data comes in as a value.
 */
final class TokenRules {

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_DESCRIPTION_LENGTH = 1000;

	static final int MAX_RATE_LIMIT = 1_000_000;

	/** Ten years: far enough for any real plan, near enough to stay a real date. */
	static final Duration MAX_LIFETIME = Duration.ofDays(3653);

	/** What a sanctioned token may never carry: it acts on the owner's data, never on the owner's account. */
	private static final Set<String> NOT_FOR_DELEGATES = Set.of(ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE,
			ScopeCatalogue.ADMIN);

	private final ScopeCatalogue scopes;

	private final Clock clock;

	TokenRules(ScopeCatalogue scopes, Clock clock) {
		this.scopes = scopes;
		this.clock = clock;
	}

	/** Whether the policy lets this owner have another token. */
	void checkOwner(TokenPolicy policy, boolean ownerAdmin, boolean sanctioned, int tokensHeld,
			List<FieldProblem> problems) {
		policy.ownerProblem(ownerAdmin, sanctioned)
			.or(() -> policy.countProblem(tokensHeld))
			.ifPresent(problems::add);
	}

	/** The name, stripped; it must be unique among the owner's tokens ({@code taken}). */
	String checkName(@Nullable String name, Predicate<String> taken, List<FieldProblem> problems) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty()) {
			problems.add(new FieldProblem("name", "missing", "Name can't be blank."));
		}
		else if (trimmed.length() > MAX_NAME_LENGTH) {
			problems.add(new FieldProblem("name", "too_long",
					"Name is too long (at most " + MAX_NAME_LENGTH + " characters)."));
		}
		else if (trimmed.chars().anyMatch(Character::isISOControl)) {
			problems.add(new FieldProblem("name", "invalid", "Name can't contain control characters."));
		}
		else if (taken.test(trimmed)) {
			problems.add(duplicateName(trimmed).problems().get(0));
		}
		return trimmed;
	}

	static InvalidInputException duplicateName(String name) {
		return new InvalidInputException("name", "already_exists",
				"You already have a token named \"" + name + "\". Pick another name.");
	}

	@Nullable String checkDescription(@Nullable String description, List<FieldProblem> problems) {
		if (description == null || description.isBlank()) {
			return null;
		}
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			problems.add(new FieldProblem("description", "too_long",
					"Description is too long (at most " + MAX_DESCRIPTION_LENGTH + " characters)."));
		}
		return description.strip();
	}

	/**
	 * The scopes granted, in the catalogue's order: each known, grantable by this owner, allowed
	 * by the policy, held by the asking token, and none a delegate may not hold.
	 */
	List<String> checkScopes(List<String> requested, boolean ownerAdmin, @Nullable TokenCeiling ceiling,
			TokenPolicy policy, boolean sanctioned, List<FieldProblem> problems) {
		Set<String> wanted = new LinkedHashSet<>(requested);
		if (wanted.isEmpty()) {
			problems.add(new FieldProblem("scopes", "missing", "Select at least one scope."));
		}
		for (String scope : wanted) {
			if (!this.scopes.isKnown(scope)) {
				problems.add(new FieldProblem("scopes", "unknown", "There is no scope named " + FieldProblem.quote(scope) + "."));
			}
			else if (!this.scopes.isGrantable(scope, ownerAdmin)) {
				problems.add(new FieldProblem("scopes", "not_grantable", "Only admins can grant " + FieldProblem.quote(scope) + "."));
			}
			else if (!policy.allowsScope(scope)) {
				problems.add(new FieldProblem("scopes", "not_allowed_by_policy",
						"Your admins' token policy doesn't allow " + FieldProblem.quote(scope) + " on personal access tokens."));
			}
			else if (ceiling != null && !ceiling.scopes().contains(scope)) {
				problems.add(new FieldProblem("scopes", "exceeds_token",
						"A token can only grant scopes it has itself; it lacks " + FieldProblem.quote(scope) + "."));
			}
		}
		List<String> granted = this.scopes.inOrder(wanted);
		if (sanctioned) {
			granted.stream()
				.filter(NOT_FOR_DELEGATES::contains)
				.findFirst()
				.ifPresent((scope) -> problems.add(new FieldProblem("scopes", "not_for_delegates",
						"A sanctioned token acts on your data, not on your account; it can't carry " + FieldProblem.quote(scope)
								+ ".")));
		}
		return granted;
	}

	/** The expiry, to the second; absent for never. */
	@Nullable Instant checkExpiration(Expiration expiration, @Nullable TokenCeiling ceiling, TokenPolicy policy,
			boolean sanctioned, List<FieldProblem> problems) {
		Instant now = now();
		Instant resolved = expiration.resolve(this.clock);
		Instant expiresAt = (resolved != null) ? resolved.truncatedTo(ChronoUnit.SECONDS) : null;
		if (expiration instanceof Expiration.InDays days && (days.days() < 1 || days.days() > MAX_LIFETIME.toDays())) {
			problems.add(new FieldProblem("expires_in_days", "out_of_range",
					"Expiration must be between 1 and " + MAX_LIFETIME.toDays() + " days."));
			return null;
		}
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			problems.add(new FieldProblem("expires_at", "in_past", "Expiration must be in the future."));
			return expiresAt;
		}
		if (expiresAt != null && expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
			problems.add(new FieldProblem("expires_at", "too_far",
					"Expiration can be at most " + MAX_LIFETIME.toDays() + " days away."));
			return expiresAt;
		}
		var policyProblem = policy.expirationProblem(expiresAt, sanctioned, now);
		if (policyProblem.isPresent()) {
			problems.add(policyProblem.get());
		}
		else if (ceiling != null && ceiling.expiresAt() != null
				&& (expiresAt == null || expiresAt.isAfter(ceiling.expiresAt()))) {
			problems.add(new FieldProblem("expires_at", "exceeds_token",
					"A token can't create a token that outlives it; expire it by " + ceiling.expiresAt() + "."));
		}
		return expiresAt;
	}

	/** A token's own hourly limit, when it asks for one. */
	void checkRateLimit(@Nullable Integer rateLimit, List<FieldProblem> problems) {
		if (rateLimit != null && (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT)) {
			problems.add(new FieldProblem("rate_limit_per_hour", "out_of_range",
					"A token's own rate limit must be between 1 and " + MAX_RATE_LIMIT + " requests per hour."));
		}
	}

	/**
	 * The APIs a new token is bound to: each one known; and for a token made by a token bound to
	 * some, within those, or the same ones when none are named, so it can't reach further.
	 */
	List<String> checkAudience(List<String> requested, @Nullable TokenCeiling ceiling, Predicate<String> known,
			List<FieldProblem> problems) {
		Set<String> audience = new LinkedHashSet<>(requested);
		if (audience.isEmpty() && ceiling != null) {
			audience.addAll(ceiling.audience());
		}
		for (String resource : audience) {
			if (!known.test(resource)) {
				problems.add(new FieldProblem("audience", "unknown", "Unknown API " + shortened(resource)
						+ ": name Latchkey's API or an API registered as a resource server."));
				return List.of();
			}
		}
		if (ceiling != null && !ceiling.audience().isEmpty() && !ceiling.audience().containsAll(audience)) {
			problems.add(new FieldProblem("audience", "exceeds_token",
					"A token bound to some APIs can only create tokens bound to those."));
		}
		return List.copyOf(audience);
	}

	private static String shortened(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "…" : value;
	}

	/**
	 * A new secret for an existing token: the asking token must hold its scopes and resources,
	 * and the policy must still allow its scopes, or the new secret would be refused at use.
	 */
	void checkRegeneration(TokenMetadata current, @Nullable TokenCeiling ceiling, TokenPolicy policy,
			List<FieldProblem> problems) {
		if (ceiling != null && !ceiling.scopes().containsAll(current.scopes())) {
			problems.add(new FieldProblem("scopes", "exceeds_token",
					"A token can only regenerate tokens whose scopes it has itself."));
		}
		else if (ceiling != null && !ceiling.covers(current.resources())) {
			problems.add(new FieldProblem("resources", "exceeds_token",
					"A token can only regenerate tokens limited to resources it is limited to itself."));
		}
		if (!policy.allowsScopes(current.scopes())) {
			problems.add(new FieldProblem("scopes", "not_allowed_by_policy", "Your admins' token policy no longer "
					+ "allows all of this token's scopes; generate a new token with allowed scopes instead."));
		}
	}

	/** Stored times have whole seconds, so what is returned equals what is read back. */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
