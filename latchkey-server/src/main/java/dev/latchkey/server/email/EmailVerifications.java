package dev.latchkey.server.email;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountSignedUp;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;

/**
 * Verification links: one is mailed at sign-up and whenever the address changes; following it
 * within a day marks the address verified, if it is still the account's. Only the secret's
 * SHA-256 is stored, and the outbox forgets the link once it is sent.
 */
@Service
class EmailVerifications {

	static final Duration VALID_FOR = Duration.ofDays(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccountStore accounts;

	private final AccountService accountService;

	private final Outbox outbox;

	private final MailProperties links;

	private final AuditLog audit;

	private final Clock clock;

	EmailVerifications(JdbcClient jdbc, AccountStore accounts, AccountService accountService, Outbox outbox,
			MailProperties links, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.accountService = accountService;
		this.outbox = outbox;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	@EventListener
	void signedUp(AccountSignedUp event) {
		send(event.account());
	}

	/** Mails a link that verifies the account's current address; nothing if it has none or it is verified. */
	@Transactional
	void send(Account account) {
		String email = account.email();
		if (email == null || account.emailVerified()) {
			return;
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = now();
		this.jdbc.sql("""
				INSERT INTO email_verifications (account_id, email, secret_hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(account.id(), email, TokenSecret.sha256Hex(secret), SqlValues.utc(now),
					SqlValues.utc(now.plus(VALID_FOR)))
			.update();
		// Straight to the address, not through the account: it isn't verified, which is the point.
		this.outbox.queue(new Mail(email, "Verify your email address for Latchkey", """
				Hello %s,

				to confirm that this address is yours, open this link within a day:

				%s

				Until then this address gets no mail from Latchkey but this one. If you didn't sign up
				or change your address, ignore this mail.
				""".formatted(account.username(), this.links.link("/verify_email/" + secret)), true));
	}

	/**
	 * Follows a link: the address it was sent to is verified, if the account still has it.
	 * @return false for an unknown, used or expired link, or one to an address the account no longer has
	 */
	@Transactional
	boolean verify(String secret) {
		Instant now = now();
		Optional<Link> link = this.jdbc.sql("""
				SELECT account_id, email FROM email_verifications
				 WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?""")
			.params(TokenSecret.sha256Hex(secret), SqlValues.utc(now))
			.query((rs, row) -> new Link(rs.getLong("account_id"), rs.getString("email")))
			.optional();
		if (link.isEmpty() || this.jdbc.sql("""
				UPDATE email_verifications SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL""")
			.params(SqlValues.utc(now), TokenSecret.sha256Hex(secret))
			.update() != 1) {
			return false;
		}
		if (!this.accounts.markEmailVerified(link.get().accountId(), link.get().email(), now)) {
			return false;
		}
		this.audit.record(SecurityAction.EMAIL_VERIFIED, link.get().accountId(), null, Map.of());
		return true;
	}

	/**
	 * Gives the account a new address: links to the old one stop working, the new one gets a
	 * link, and the old one, if it was verified, is told.
	 * @throws dev.latchkey.server.input.InvalidInputException if the address is malformed or taken
	 */
	@Transactional
	void change(Account account, String email) {
		this.accountService.changeEmail(account.id(), email);
		forgetLinks(account.id());
		send(new Account(account.id(), account.username(), email, account.admin(), account.createdAt(),
				account.suspendedAt(), null));
		if (account.emailVerified()) {
			this.outbox.queue(new Mail(account.email(), "Your Latchkey email address was changed", """
					Hello %s,

					the email address of your Latchkey account was just changed from this one to
					another. If it wasn't you, reset your password and check your account's security log.
					""".formatted(account.username())));
		}
		this.audit.record(SecurityAction.EMAIL_CHANGED, account.id(), null, Map.of());
	}

	/** Links not yet followed stop working: the address they verify is no longer the account's. */
	void forgetLinks(long accountId) {
		this.jdbc.sql("DELETE FROM email_verifications WHERE account_id = ? AND used_at IS NULL")
			.param(accountId)
			.update();
	}

	/** Whole seconds, so a time compares the same however a database rounds its fractions. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private record Link(long accountId, String email) {
	}

}
