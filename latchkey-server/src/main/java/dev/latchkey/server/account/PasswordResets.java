package dev.latchkey.server.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;

/**
 * Forgotten passwords: a link by mail that works once and for an hour. Only its secret's
 * SHA-256 is stored, and whoever asks learns nothing of whether the address has an account.
 * A new password ends every session of the account and every other link.
 */
@Service
class PasswordResets {

	static final Duration VALID_FOR = Duration.ofHours(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccountStore accounts;

	private final PasswordEncoder passwordEncoder;

	private final Outbox outbox;

	private final MailProperties links;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	private final SignedInSessions sessions;

	private final Clock clock;

	PasswordResets(JdbcClient jdbc, AccountStore accounts, PasswordEncoder passwordEncoder, Outbox outbox,
			MailProperties links, AuditLog audit, TransactionOperations transaction, SignedInSessions sessions,
			Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.outbox = outbox;
		this.links = links;
		this.audit = audit;
		this.transaction = transaction;
		this.sessions = sessions;
		this.clock = clock;
	}

	/** Mails a link to the account with this address, if there is one that isn't suspended. */
	void request(String email) {
		this.accounts.findByEmail(email.strip()).filter((found) -> !found.suspended()).ifPresent(this::mailLink);
	}

	/**
	 * An admin's "Force a password reset": the password stops working at once (it is replaced
	 * by a random one nobody knows), every session ends, and the owner is mailed a link.
	 */
	void force(Account account) {
		byte[] unknown = new byte[32];
		RANDOM.nextBytes(unknown);
		String hash = this.passwordEncoder.encode(Base64.getEncoder().encodeToString(unknown));
		this.transaction.executeWithoutResult((status) -> {
			this.accounts.setPasswordHash(account.id(), hash);
			this.audit.record(SecurityAction.PASSWORD_RESET_FORCED, account.id(), null,
					Map.of("username", account.username()));
		});
		this.sessions.endAll(account.username());
		mailLink(account);
	}

	private void mailLink(Account account) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Instant now = now();
		long accountId = account.id();
		this.jdbc.sql("""
				INSERT INTO password_resets (account_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?)""")
			.params(accountId, TokenSecret.sha256Hex(secret), SqlValues.utc(now), SqlValues.utc(now.plus(VALID_FOR)))
			.update();
		this.outbox.queueTo(accountId, (address) -> new Mail(address, "Reset your Latchkey password", """
				Someone asked to reset the password of your account %s. To choose a new one, open this link
				within an hour; it works once:
				%s

				If it wasn't you, ignore this mail: your password stays as it is.
				""".formatted(account.username(), this.links.link("/password_reset/" + secret)), true));
	}

	/** Whether the link is one that still works. */
	boolean isValid(String secret) {
		return accountOf(secret).isPresent();
	}

	/**
	 * Sets the new password through a link, and uses the link up.
	 * @return false if the link doesn't work (unknown, used or expired)
	 * @throws InvalidInputException if the password breaks a rule
	 */
	boolean reset(String secret, String newPassword) {
		List<FieldProblem> problems = new ArrayList<>();
		AccountService.checkPassword(newPassword, "new_password", problems);
		Optional<Long> accountId = accountOf(secret);
		if (accountId.isEmpty()) {
			return false;
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String hash = this.passwordEncoder.encode(newPassword);
		Instant now = now();
		Boolean used = this.transaction.execute((status) -> {
			// Used once: of two requests with the same link, only one finds it unused.
			int claimed = this.jdbc.sql("""
					UPDATE password_resets SET used_at = ?
					 WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?""")
				.params(SqlValues.utc(now), TokenSecret.sha256Hex(secret), SqlValues.utc(now))
				.update();
			if (claimed != 1) {
				return false;
			}
			this.accounts.setPasswordHash(accountId.get(), hash);
			// Every other link of the account ends with this one.
			forgetLinks(accountId.get());
			this.audit.record(SecurityAction.PASSWORD_RESET, accountId.get(), null, Map.of());
			return true;
		});
		if (!Boolean.TRUE.equals(used)) {
			return false;
		}
		this.accounts.findById(accountId.get()).ifPresent((account) -> this.sessions.endAll(account.username()));
		return true;
	}

	/** Ends the account's links that are still unused: its password was just set. */
	void forgetLinks(long accountId) {
		this.jdbc.sql("DELETE FROM password_resets WHERE account_id = ? AND used_at IS NULL").param(accountId).update();
	}

	/** Whole seconds, so a time compares the same however a database rounds its fractions. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private Optional<Long> accountOf(String secret) {
		return this.jdbc.sql("""
				SELECT account_id FROM password_resets
				 WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?""")
			.params(TokenSecret.sha256Hex(secret), SqlValues.utc(now()))
			.query(Long.class)
			.optional();
	}

}
