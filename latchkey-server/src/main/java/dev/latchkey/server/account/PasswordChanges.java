package dev.latchkey.server.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;

/**
 * A new password for an account, written with its security log entry in one transaction. The
 * caller has checked the current one, throttled, and ends the other sessions after; reset links
 * still unused end with it.
 */
@Service
class PasswordChanges {

	private final AccountStore accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	private final PasswordResets resets;

	PasswordChanges(AccountStore accounts, PasswordEncoder passwordEncoder, AuditLog audit,
			TransactionOperations transaction, PasswordResets resets) {
		this.resets = resets;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.transaction = transaction;
	}

	/**
	 * Replaces the account's password.
	 * @throws InvalidInputException if the new password breaks a rule
	 */
	void change(long accountId, String newPassword) {
		List<FieldProblem> problems = new ArrayList<>();
		AccountService.checkPassword(newPassword, "new_password", problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String hash = this.passwordEncoder.encode(newPassword);
		this.transaction.executeWithoutResult((status) -> {
			this.accounts.setPasswordHash(accountId, hash);
			// A reset link mailed before would undo the new password.
			this.resets.forgetLinks(accountId);
			this.audit.record(SecurityAction.PASSWORD_CHANGED, accountId, null, Map.of());
		});
	}

}
