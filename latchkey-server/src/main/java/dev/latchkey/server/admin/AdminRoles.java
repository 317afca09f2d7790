package dev.latchkey.server.admin;

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

/**
 * Who is an admin. A change applies to the user's tokens at once (their cached checks are
 * dropped on every node) and to their browser by signing them out everywhere: a session keeps
 * the role it signed in with. An admin can't demote themselves, so there is always one left.
 */
@Service
class AdminRoles {

	private final AccountStore accounts;

	private final AuditLog audit;

	private final TokenCache tokens;

	private final SignedInSessions sessions;

	private final TransactionOperations transaction;

	AdminRoles(AccountStore accounts, AuditLog audit, TokenCache tokens, SignedInSessions sessions,
			TransactionOperations transaction) {
		this.accounts = accounts;
		this.audit = audit;
		this.tokens = tokens;
		this.sessions = sessions;
		this.transaction = transaction;
	}

	/**
	 * Makes a user an admin, or no longer one.
	 * @param by the admin who does it
	 * @throws InvalidInputException for an admin demoting themselves
	 */
	void setAdmin(String username, boolean admin, long by) {
		Account account = this.accounts.findByUsername(username).orElseThrow(UserNotFoundException::new);
		if (!admin && account.id() == by) {
			throw new InvalidInputException("username", "self",
					"You can't remove your own admin role; another admin can.");
		}
		if (account.admin() == admin) {
			return;
		}
		this.transaction.executeWithoutResult((status) -> {
			this.accounts.setAdmin(account.id(), admin);
			this.audit.record(admin ? SecurityAction.USER_PROMOTED : SecurityAction.USER_DEMOTED, account.id(), null,
					Map.of("username", account.username()));
			this.tokens.evictAccount(account.id());
		});
		this.sessions.endAll(account.username());
	}

}
