package dev.latchkey.server.admin;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignedInSessions;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.oauth.OAuthClientRepository;

/**
 * Suspending a user stops them at once everywhere: sign-in is refused, every token and OAuth
 * grant of theirs fails its next check (the lookups skip suspended accounts, and every node's
 * cache drops their tokens), their OAuth Apps stop being clients, and their browser sessions
 * are deleted. Lifting the suspension
 * brings their tokens back at once; sessions stay gone.
 */
@Service
class Suspensions {

	private final AccountStore accounts;

	private final TokenCache tokens;

	private final OAuthClientRepository clients;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	private final Clock clock;

	Suspensions(AccountStore accounts, TokenCache tokens, OAuthClientRepository clients,
			SignedInSessions sessions, AuditLog audit, TransactionOperations transaction, Clock clock) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.clients = clients;
		this.sessions = sessions;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Suspends a user.
	 * @param by the admin doing it, who can't suspend themselves
	 * @throws UserNotFoundException if there is no such user
	 */
	void suspend(String username, long by) {
		Account account = find(username);
		if (account.id() == by) {
			throw new InvalidInputException("username", "self", "You can't suspend yourself.");
		}
		if (account.suspended()) {
			return;
		}
		this.transaction.executeWithoutResult((status) -> {
			this.accounts.setSuspended(account.id(), this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
			this.audit.record(SecurityAction.USER_SUSPENDED, account.id(), null, Map.of("username", account.username()));
			this.tokens.evictAccount(account.id());
			this.clients.evictAppsOf(account.id());
		});
		this.sessions.endAll(account.username());
	}

	/** Lifts a user's suspension. */
	void unsuspend(String username) {
		Account account = find(username);
		if (!account.suspended()) {
			return;
		}
		this.transaction.executeWithoutResult((status) -> {
			this.accounts.setSuspended(account.id(), null);
			this.audit.record(SecurityAction.USER_UNSUSPENDED, account.id(), null,
					Map.of("username", account.username()));
			// Its tokens were remembered as unknown while it was suspended, its apps as no clients.
			this.tokens.evictAccount(account.id());
			this.clients.evictAppsOf(account.id());
		});
	}

	private Account find(String username) {
		return this.accounts.findByUsername(username).orElseThrow(UserNotFoundException::new);
	}

}
