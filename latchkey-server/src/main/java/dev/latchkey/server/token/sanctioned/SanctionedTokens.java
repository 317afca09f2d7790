package dev.latchkey.server.token.sanctioned;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;
import dev.latchkey.server.token.Delegation;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.Sanctions;
import dev.latchkey.server.token.TokenCeiling;
import dev.latchkey.server.token.TokenEvents;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

/**
 * Tokens a user sanctions for someone else: the owner issues one for a delegate, to act on the
 * owner's data; the delegate is told, accepts, and only then gets the token's value, once. The
 * owner never sees it. Either of them can revoke it at any time, and suspending either account
 * stops it (the token check joins both accounts).
 */
@Service
public class SanctionedTokens implements Sanctions {

	private final TokenService tokens;

	private final TokenEvents events;

	private final PersonalAccessTokenStore store;

	private final AccountStore accounts;

	private final TokenFormat format;

	private final TransactionOperations transaction;

	private final TokenCache cache;

	private final Outbox outbox;

	private final MailProperties links;

	private final Clock clock;

	SanctionedTokens(TokenService tokens, TokenEvents events, PersonalAccessTokenStore store, AccountStore accounts, TokenFormat format,
			TransactionOperations transaction, TokenCache cache, Outbox outbox, MailProperties links, Clock clock) {
		this.tokens = tokens;
		this.events = events;
		this.store = store;
		this.accounts = accounts;
		this.format = format;
		this.transaction = transaction;
		this.cache = cache;
		this.outbox = outbox;
		this.links = links;
		this.clock = clock;
	}

	@Override
	public TokenMetadata sanction(TokenService.Owner owner, TokenRequest request, @Nullable String delegateUsername,
			@Nullable TokenCeiling ceiling) {
		Account delegate = findDelegate(owner, delegateUsername);
		TokenMetadata token = this.tokens
			.issue(owner, request, ceiling, new Delegation(delegate.id(), delegate.username(), null))
			.metadata();
		String ownerName = this.accounts.findById(owner.accountId()).map(Account::username).orElse("A user");
		this.outbox.queueTo(delegate.id(), (address) -> new Mail(address,
				ownerName + " sanctioned a token for you",
				"""
						%s sanctioned a token for you, "%s", to act on their data with the scopes %s.

						It works once you accept it; then you see its value, once:
						%s

						If you don't expect it, decline it on the same page.
						""".formatted(ownerName, token.name(), String.join(", ", token.scopes()),
						this.links.link("/settings/tokens/sanctioned"))));
		return token;
	}

	/** The tokens sanctioned for a delegate, waiting ones first. */
	public List<TokenMetadata> heldBy(long delegateAccountId) {
		return this.store.findByDelegate(delegateAccountId);
	}

	/**
	 * Accepts a waiting token: it gets its first real secret, shown to the delegate in this
	 * answer alone, and starts working.
	 * @throws TokenNotFoundException if it isn't waiting for this delegate
	 * @throws InvalidInputException if it expired before it was accepted
	 */
	public IssuedToken accept(long delegateAccountId, long id) {
		TokenMetadata waiting = this.store.findByDelegate(delegateAccountId, id)
			.filter((token) -> !token.delegation().accepted())
			.orElseThrow(TokenNotFoundException::new);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		if (waiting.isExpired(now)) {
			throw new InvalidInputException("token", "expired",
					"This token expired before you accepted it; ask its owner for a new one.");
		}
		String placeholder = this.store.findHash(waiting.accountId(), id).orElseThrow(TokenNotFoundException::new);
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		TokenMetadata accepted = waiting.withSecret(secret.lastFour(), waiting.expiresAt(), now);
		this.transaction.executeWithoutResult((status) -> {
			if (!this.store.accept(id, delegateAccountId, placeholder, secret.sha256(), secret.lastFour(), now)) {
				throw new TokenNotFoundException();
			}
			this.events.recordSanctioned(SecurityAction.SANCTIONED_TOKEN_ACCEPTED, accepted);
		});
		return new IssuedToken(accepted, secret);
	}

	/** The delegate revokes (or declines) a token held for them; it stops working at once. */
	public void revoke(long delegateAccountId, long id) {
		TokenMetadata token = this.store.findByDelegate(delegateAccountId, id).orElseThrow(TokenNotFoundException::new);
		this.tokens.revoke(token, SecurityAction.SANCTIONED_TOKEN_REVOKED);
	}

	private Account findDelegate(TokenService.Owner owner, @Nullable String username) {
		if (username == null || username.isBlank()) {
			throw new InvalidInputException("delegate", "missing", "Enter the username of the user to sanction it for.");
		}
		Account delegate = this.accounts.findByUsername(username.strip())
			.filter((account) -> !account.suspended())
			.orElseThrow(() -> new InvalidInputException("delegate", "unknown",
					"There is no user named " + FieldProblem.quote(username.strip()) + "."));
		if (delegate.id() == owner.accountId()) {
			throw new InvalidInputException("delegate", "self",
					"You can't sanction a token for yourself; generate a personal access token instead.");
		}
		return delegate;
	}

}
