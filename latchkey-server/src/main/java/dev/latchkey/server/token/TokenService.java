package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.policy.TokenPolicyStore;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * The lifecycle of personal access tokens: generate, list, regenerate, revoke. Every rule
 * is checked before anything is written, and each change is written with its security log
 * entry in one transaction, so a failed request leaves nothing behind. Caches are told
 * after the commit, so the very next request sees the change.
 */
@Service
public class TokenService {

	private final PersonalAccessTokenStore store;

	private final TokenCache cache;

	private final TokenRules rules;

	private final TokenFormat format;

	private final Clock clock;

	private final TokenEvents events;

	private final TransactionOperations transaction;

	private final ApplicationEventPublisher publisher;

	private final TokenPolicyStore policies;

	private final ResourceLimits resourceLimits;

	private final Apis apis;

	TokenService(PersonalAccessTokenStore store, TokenCache cache, ScopeCatalogue scopes, TokenFormat format,
			Clock clock, TokenEvents events, TransactionOperations transaction, ApplicationEventPublisher publisher,
			TokenPolicyStore policies, ResourceLimits resourceLimits, Apis apis) {
		this.apis = apis;
		this.resourceLimits = resourceLimits;
		this.publisher = publisher;
		this.policies = policies;
		this.store = store;
		this.cache = cache;
		this.rules = new TokenRules(scopes, clock);
		this.format = format;
		this.clock = clock;
		this.events = events;
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
	public IssuedToken issue(Owner owner, TokenRequest request, @Nullable TokenCeiling ceiling,
			@Nullable Delegation delegate) {
		List<FieldProblem> problems = new ArrayList<>();
		TokenPolicy policy = this.policies.current();
		boolean sanctioned = delegate != null;
		this.rules.checkOwner(policy, owner.admin(), sanctioned, this.store.countByAccount(owner.accountId()), problems);
		String name = this.rules.checkName(request.name(),
				(candidate) -> this.store.nameExists(owner.accountId(), candidate), problems);
		String description = this.rules.checkDescription(request.description(), problems);
		List<String> granted = this.rules.checkScopes(request.scopes(), owner.admin(), ceiling, policy, sanctioned,
				problems);
		Instant expiresAt = this.rules.checkExpiration(request.expiration(), ceiling, policy, sanctioned, problems);
		Integer rateLimit = request.rateLimitPerHour();
		this.rules.checkRateLimit(rateLimit, problems);
		this.resourceLimits.check(request.resources(), granted, ceiling, problems);
		List<String> audience = this.rules.checkAudience(request.audience(), ceiling, this.apis::known, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// Last, and outside any transaction: the selection is checked against the platform's lists.
		ResourceSelection selection = this.resourceLimits.select(owner.accountId(), request.resources());
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		try {
			return this.transaction.execute((status) -> {
				TokenMetadata metadata = this.store.insert(owner.accountId(), name, description, granted,
						secret.sha256(), secret.lastFour(), this.rules.now(), expiresAt, rateLimit, selection, delegate,
						(ceiling != null) ? ceiling.clientId() : null, audience);
				if (delegate == null) {
					this.events.record(SecurityAction.TOKEN_CREATED, metadata);
				}
				else {
					this.events.recordSanctioned(SecurityAction.SANCTIONED_TOKEN_ISSUED, metadata);
				}
				return new IssuedToken(metadata, secret);
			});
		}
		catch (DuplicateKeyException ex) {
			// Another request took the name between the check and the insert.
			throw TokenRules.duplicateName(name);
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
		TokenPolicy policy = this.policies.current();
		this.rules.checkRegeneration(current, ceiling, policy, problems);
		Instant expiresAt = this.rules.checkExpiration(expiration, ceiling, policy, false, problems);
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
				this.events.recordSanctioned(why, token);
			}
			else {
				this.events.record(why, token);
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
			this.publisher.publishEvent(new TokenRegenerated(current.id()));
			this.events.record(SecurityAction.TOKEN_REGENERATED, current);
		});
		// After the commit, or a concurrent miss could cache the old row again.
		this.cache.evict(oldHash);
		return new IssuedToken(current.withSecret(secret.lastFour(), expiresAt, null), secret);
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
