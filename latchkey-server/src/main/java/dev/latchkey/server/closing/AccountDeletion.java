package dev.latchkey.server.closing;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignedInSessions;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.oauth.OAuthAppService;

/**
 * Deletes an account at its owner's request. In one transaction: the apps it owns go with the
 * tokens they were given, then what is keyed by username rather than by account (consents,
 * passkeys), then the account, and with it by cascade every token, grant and setting; every
 * node's cache drops its tokens. Then its sessions end.
 */
@Service
class AccountDeletion {

	private final AccountStore accounts;

	private final OAuthAppService apps;

	private final TokenCache tokens;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final TransactionOperations transaction;

	AccountDeletion(AccountStore accounts, OAuthAppService apps, TokenCache tokens, SignedInSessions sessions,
			AuditLog audit, JdbcClient jdbc, TransactionOperations transaction) {
		this.accounts = accounts;
		this.apps = apps;
		this.tokens = tokens;
		this.sessions = sessions;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Deletes the account, if what was typed is its username.
	 * @throws InvalidInputException if it isn't, or the account is the last admin
	 */
	void delete(Account account, String typedUsername) {
		if (!account.username().equals(typedUsername.strip())) {
			throw new InvalidInputException("confirm", "mismatch", "Type your username, " + account.username()
					+ ", to confirm.");
		}
		this.transaction.executeWithoutResult((status) -> {
			if (account.admin() && this.accounts.admins() <= 1) {
				throw new InvalidInputException("confirm", "last_admin",
						"You are the only admin. Make someone else an admin first.");
			}
			this.apps.deleteAllOf(account.id());
			this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?")
				.param(account.username())
				.update();
			this.jdbc.sql("""
					DELETE FROM user_credentials
					 WHERE user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)""")
				.param(account.username())
				.update();
			this.jdbc.sql("DELETE FROM user_entities WHERE name = ?").param(account.username()).update();
			this.audit.record(SecurityAction.ACCOUNT_DELETED, account.id(), null, Map.of("username", account.username()));
			this.accounts.delete(account.id());
			this.tokens.evictAccount(account.id());
		});
		this.sessions.endAll(account.username());
	}

}
