package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.policy.TokenPolicyStore;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;

/**
 * The lifecycle of personal access tokens: generate, list, regenerate, revoke. Every rule
 * is checked before anything is written, and each change is written with its security log
 * entry in one transaction, so a failed request leaves nothing behind. Caches are told
 * after the commit, so the very next request sees the change.
 */
@Service
public class TokenService {

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_DESCRIPTION_LENGTH = 1000;

	static final int MAX_RATE_LIMIT = 1_000_000;

	/** What a sanctioned token may never carry: it acts on the owner's data, never on the owner's account. */
	private static final Set<String> NOT_FOR_DELEGATES = Set.of(ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE,
			ScopeCatalogue.ADMIN);

	/** Ten years: far enough for any real plan, near enough to stay a real date. */
	static final Duration MAX_LIFETIME = Duration.ofDays(3653);

	private final PersonalAccessTokenStore store;

	private final TokenCache cache;

	private final ScopeCatalogue scopes;

	private final TokenFormat format;

	private final Clock clock;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	private final ExpiryNoticeStore notices;

	private final TokenPolicyStore policies;

	private final ResourceLimits resourceLimits;

	TokenService(PersonalAccessTokenStore store, TokenCache cache, ScopeCatalogue scopes, TokenFormat format,
			Clock clock, AuditLog audit, TransactionOperations transaction, ExpiryNoticeStore notices,
			TokenPolicyStore policies, ResourceLimits resourceLimits) {
		this.resourceLimits = resourceLimits;
		this.notices = notices;
		this.policies = policies;
		this.store = store;
		this.cache = cache;
		this.scopes = scopes;
		this.format = format;
		this.clock = clock;
		this.audit = audit;
		this.transaction = transaction;
	}

	/**
	 * Generates a token.
	 * @param owner who the token acts for
	 * @param request what they asked for
	 * @param ceiling the limits of the token that asks, when a token asks; null for a person
	 * @throws InvalidInputException naming each field that breaks a rule
	 * @throws ResourceListUnavailableException if the token is limited to resources and the
	 * platform's list of them can't be had to check them against
	 */
	public IssuedToken create(Owner owner, TokenRequest request, @Nullable TokenCeiling ceiling) {
		return issue(owner, request, ceiling, null);
	}

	/**
	 * Generates a token, for the owner or, sanctioned, for a delegate; a sanctioned token's
	 * secret is never shown (the delegate gets a new one on accepting), and it works only then.
	 * @param delegate who will hold it; null for the owner's own token
	 */
	IssuedToken issue(Owner owner, TokenRequest request, @Nullable TokenCeiling ceiling,
			@Nullable Delegation delegate) {
		List<FieldProblem> problems = new ArrayList<>();
		TokenPolicy policy = this.policies.current();
		checkPolicyAllows(owner, policy, delegate != null, problems);
		String name = checkName(owner, request.name(), problems);
		String description = checkDescription(request.description(), problems);
		List<String> granted = checkScopes(owner, request.scopes(), ceiling, policy, problems);
		if (delegate != null) {
			granted.stream().filter(NOT_FOR_DELEGATES::contains).findFirst().ifPresent((scope) -> problems.add(
					new FieldProblem("scopes", "not_for_delegates", "A sanctioned token acts on your data, not on your "
							+ "account; it can't carry " + quote(scope) + ".")));
		}
		Instant expiresAt = checkExpiration(request.expiration(), ceiling, policy, delegate != null, problems);
		Integer rateLimit = request.rateLimitPerHour();
		if (rateLimit != null && (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT)) {
			problems.add(new FieldProblem("rate_limit_per_hour", "out_of_range",
					"A token's own rate limit must be between 1 and " + MAX_RATE_LIMIT + " requests per hour."));
		}
		this.resourceLimits.check(request.resources(), granted, ceiling, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// Last, and outside any transaction: the selection is checked against the platform's lists.
		ResourceSelection selection = this.resourceLimits.select(owner.accountId(), request.resources());
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		try {
			return this.transaction.execute((status) -> {
				TokenMetadata metadata = this.store.insert(owner.accountId(), name, description, granted,
						secret.sha256(), secret.lastFour(), now(), expiresAt, rateLimit, selection, delegate,
						(ceiling != null) ? ceiling.clientId() : null);
				if (delegate == null) {
					record(SecurityAction.TOKEN_CREATED, metadata);
				}
				else {
					recordSanctioned(SecurityAction.SANCTIONED_TOKEN_ISSUED, metadata);
				}
				return new IssuedToken(metadata, secret);
			});
		}
		catch (DuplicateKeyException ex) {
			// Another request took the name between the check and the insert.
			throw duplicateName(name);
		}
	}

	/** The owner's tokens, newest first. */
	public List<TokenMetadata> list(long accountId) {
		return this.store.findByAccount(accountId);
	}

	/**
	 * The owner's tokens that the asking token may see: a token limited to resources sees only
	 * tokens limited within its own limits, as it may create only those.
	 */
	public List<TokenMetadata> list(long accountId, TokenCeiling ceiling) {
		return this.store.findByAccount(accountId).stream().filter((token) -> ceiling.covers(token.resources())).toList();
	}

	/**
	 * One of the owner's tokens, if the asking token may see it.
	 * @throws TokenNotFoundException if there is no such token or it lies beyond the asking token's limits
	 */
	public TokenMetadata get(long accountId, long id, TokenCeiling ceiling) {
		TokenMetadata token = get(accountId, id);
		if (!ceiling.covers(token.resources())) {
			throw new TokenNotFoundException();
		}
		return token;
	}

	/** Revokes one of the owner's tokens that the asking token may see. */
	public void revoke(long accountId, long id, TokenCeiling ceiling) {
		TokenMetadata token = get(accountId, id, ceiling);
		revoke(token, token.sanctioned() ? SecurityAction.SANCTIONED_TOKEN_REVOKED : SecurityAction.TOKEN_REVOKED);
	}

	/**
	 * The token with this SHA-256, also of a suspended owner (whose tokens the token check no
	 * longer finds), so that a reported token is revoked before a suspension is lifted.
	 */
	public Optional<TokenMetadata> findByHash(String hash) {
		return this.store.findByHash(hash);
	}

	/** Every user's tokens whose name or owner contains the text, newest first; for admins. */
	public List<OwnedToken> search(String text, int limit) {
		return this.store.search(text, limit);
	}

	/** One of the owner's tokens. */
	public TokenMetadata get(long accountId, long id) {
		return this.store.findById(accountId, id).orElseThrow(TokenNotFoundException::new);
	}

	/**
	 * Gives a token a new secret and a new expiry; the old secret stops working at once.
	 * @param ceiling the limits of the token that asks, when a token asks; null for a person
	 */
	public IssuedToken regenerate(long accountId, long id, Expiration expiration, @Nullable TokenCeiling ceiling) {
		TokenMetadata current = get(accountId, id);
		if (current.sanctioned()) {
			// A new secret would be shown to the owner, who must never see a delegate's token.
			throw new InvalidInputException("token", "sanctioned",
					"Only its holder can get a new secret for a sanctioned token; revoke it and sanction a new one.");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (ceiling != null && !ceiling.scopes().containsAll(current.scopes())) {
			problems.add(new FieldProblem("scopes", "exceeds_token",
					"A token can only regenerate tokens whose scopes it has itself."));
		}
		else if (ceiling != null && !ceiling.covers(current.resources())) {
			problems.add(new FieldProblem("resources", "exceeds_token",
					"A token can only regenerate tokens limited to resources it is limited to itself."));
		}
		TokenPolicy policy = this.policies.current();
		if (policy.allowedScopes() != null && !policy.allowedScopes().containsAll(current.scopes())) {
			// A new secret would only be refused at use; say so now and point at a new token.
			problems.add(new FieldProblem("scopes", "not_allowed_by_policy", "Your admins' token policy no longer "
					+ "allows all of this token's scopes; generate a new token with allowed scopes instead."));
		}
		Instant expiresAt = checkExpiration(expiration, ceiling, policy, false, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return replaceSecret(current, expiresAt);
	}

	/** A new secret for the presenting token, with the same settings and expiry. */
	public IssuedToken rotate(ActiveToken token) {
		return replaceSecret(get(token.requireAccountId(), token.personalTokenId()), token.expiresAt());
	}

	/** Revokes one of the owner's tokens, sanctioned ones included; it stops working at once. */
	public void revoke(long accountId, long id) {
		TokenMetadata token = get(accountId, id);
		revoke(token, token.sanctioned() ? SecurityAction.SANCTIONED_TOKEN_REVOKED : SecurityAction.TOKEN_REVOKED);
	}

	/**
	 * Revokes a token and records why, in one transaction; it stops working at once.
	 * @param why {@link SecurityAction#TOKEN_REVOKED} or the policy or report that revoked it
	 */
	public void revoke(TokenMetadata token, SecurityAction why) {
		String hash = this.store.findHash(token.accountId(), token.id()).orElseThrow(TokenNotFoundException::new);
		this.transaction.executeWithoutResult((status) -> {
			if (!this.store.delete(token.id(), hash)) {
				throw new TokenNotFoundException();
			}
			if (token.sanctioned()) {
				recordSanctioned(why, token);
			}
			else {
				record(why, token);
			}
		});
		this.cache.evict(hash);
	}

	private IssuedToken replaceSecret(TokenMetadata current, @Nullable Instant expiresAt) {
		String oldHash = this.store.findHash(current.accountId(), current.id()).orElseThrow(TokenNotFoundException::new);
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		this.transaction.executeWithoutResult((status) -> {
			if (!this.store.replaceSecret(current.id(), oldHash, secret.sha256(), secret.lastFour(), expiresAt)) {
				// Revoked or regenerated by a concurrent request: this one has nothing to replace.
				throw new TokenNotFoundException();
			}
			this.notices.clear(current.id());
			record(SecurityAction.TOKEN_REGENERATED, current);
		});
		// After the commit, or a concurrent miss could cache the old row again.
		this.cache.evict(oldHash);
		return new IssuedToken(current.withSecret(secret.lastFour(), expiresAt, null), secret);
	}

	private void record(SecurityAction action, TokenMetadata token) {
		Map<String, String> details = (token.createdBy() != null)
				? Map.of("name", token.name(), "app", token.createdBy().clientId()) : Map.of("name", token.name());
		this.audit.record(action, token.accountId(), token.id(), details);
	}

	/** A sanctioned token's event goes in both the owner's and the delegate's security log. */
	void recordSanctioned(SecurityAction action, TokenMetadata token) {
		Delegation delegate = Objects.requireNonNull(token.delegation());
		Map<String, String> details = Map.of("name", token.name(), "delegate", delegate.username());
		Origin origin = Origin.current();
		this.audit.recordAll(List.of(new AuditLog.Entry(action, token.accountId(), token.id(), details, origin),
				new AuditLog.Entry(action, delegate.accountId(), token.id(), details, origin)));
	}

	/** Admins-only is about personal tokens; the count is of every token the owner has, sanctioned ones too. */
	private void checkPolicyAllows(Owner owner, TokenPolicy policy, boolean sanctioned, List<FieldProblem> problems) {
		if (policy.adminsOnly() && !owner.admin() && !sanctioned) {
			problems.add(new FieldProblem("policy", "admins_only",
					"Your admins' token policy allows personal access tokens for admins only."));
		}
		else if (policy.maxTokensPerUser() != null && this.store.countByAccount(owner.accountId()) >= policy
			.maxTokensPerUser()) {
			problems.add(new FieldProblem("policy", "too_many_tokens", "Your admins' token policy allows at most "
					+ policy.maxTokensPerUser() + " tokens each; revoke one you no longer use."));
		}
	}

	private String checkName(Owner owner, @Nullable String name, List<FieldProblem> problems) {
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
		else if (this.store.nameExists(owner.accountId(), trimmed)) {
			problems.add(duplicateName(trimmed).problems().get(0));
		}
		return trimmed;
	}

	private static InvalidInputException duplicateName(String name) {
		return new InvalidInputException("name", "already_exists",
				"You already have a token named \"" + name + "\". Pick another name.");
	}

	private static @Nullable String checkDescription(@Nullable String description, List<FieldProblem> problems) {
		if (description == null || description.isBlank()) {
			return null;
		}
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			problems.add(new FieldProblem("description", "too_long",
					"Description is too long (at most " + MAX_DESCRIPTION_LENGTH + " characters)."));
		}
		return description.strip();
	}

	private List<String> checkScopes(Owner owner, List<String> requested, @Nullable TokenCeiling ceiling,
			TokenPolicy policy, List<FieldProblem> problems) {
		Set<String> wanted = new LinkedHashSet<>(requested);
		if (wanted.isEmpty()) {
			problems.add(new FieldProblem("scopes", "missing", "Select at least one scope."));
		}
		for (String scope : wanted) {
			if (!this.scopes.isKnown(scope)) {
				problems.add(new FieldProblem("scopes", "unknown", "There is no scope named " + quote(scope) + "."));
			}
			else if (!this.scopes.isGrantable(scope, owner.admin())) {
				problems.add(new FieldProblem("scopes", "not_grantable", "Only admins can grant " + quote(scope) + "."));
			}
			else if (policy.allowedScopes() != null && !policy.allowedScopes().contains(scope)) {
				problems.add(new FieldProblem("scopes", "not_allowed_by_policy",
						"Your admins' token policy doesn't allow " + quote(scope) + " on personal access tokens."));
			}
			else if (ceiling != null && !ceiling.scopes().contains(scope)) {
				problems.add(new FieldProblem("scopes", "exceeds_token",
						"A token can only grant scopes it has itself; it lacks " + quote(scope) + "."));
			}
		}
		return this.scopes.inOrder(wanted);
	}

	private @Nullable Instant checkExpiration(Expiration expiration, @Nullable TokenCeiling ceiling, TokenPolicy policy,
			boolean sanctioned, List<FieldProblem> problems) {
		Integer maxDays = policy.maxLifetimeDays(sanctioned);
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
		}
		else if (expiresAt != null && expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
			problems.add(new FieldProblem("expires_at", "too_far",
					"Expiration can be at most " + MAX_LIFETIME.toDays() + " days away."));
		}
		else if (expiresAt == null && policy.expirationRequired(sanctioned)) {
			problems.add(new FieldProblem("expires_at", "required_by_policy",
					"Your admins' token policy requires an expiration."));
		}
		else if (expiresAt != null && maxDays != null && expiresAt.isAfter(now.plus(Duration.ofDays(maxDays)))) {
			problems.add(new FieldProblem("expires_at", "exceeds_policy", "Your admins' token policy allows at most "
					+ maxDays + " days; choose an earlier expiration."));
		}
		else if (ceiling != null && ceiling.expiresAt() != null
				&& (expiresAt == null || expiresAt.isAfter(ceiling.expiresAt()))) {
			problems.add(new FieldProblem("expires_at", "exceeds_token",
					"A token can't create a token that outlives it; expire it by " + ceiling.expiresAt() + "."));
		}
		return expiresAt;
	}

	/** Stored times have whole seconds, so what is returned equals what is read back. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	static String quote(String value) {
		// Scopes come from clients; keep a hostile one short in error messages.
		String shown = (value.length() > 50) ? value.substring(0, 50) + "…" : value;
		return "\"" + shown + "\"";
	}

	/**
	 * Who a token acts for.
	 *
	 * @param accountId the owner
	 * @param admin whether the owner may grant {@code admin}
	 */
	public record Owner(long accountId, boolean admin) {
	}

}
