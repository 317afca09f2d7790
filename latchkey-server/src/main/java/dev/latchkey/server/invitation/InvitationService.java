package dev.latchkey.server.invitation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.Invitations;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;

/**
 * Sends invitations and lets sign-up take them. Following one proves the address, so the
 * account it creates starts with its email verified.
 */
@Service
class InvitationService implements Invitations {

	static final Duration VALID_FOR = Duration.ofDays(7);

	private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccountStore accounts;

	private final Outbox outbox;

	private final MailProperties links;

	private final AuditLog audit;

	private final Clock clock;

	InvitationService(JdbcClient jdbc, AccountStore accounts, Outbox outbox, MailProperties links, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.outbox = outbox;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	/** An invitation as the admin page lists it. */
	record Invitation(String email, Instant createdAt, Instant expiresAt, @Nullable Instant usedAt,
			@Nullable String invitedBy) {
	}

	/**
	 * Mails an invitation to the address.
	 * @throws InvalidInputException if the address is malformed
	 */
	@Transactional
	void invite(String email, long by) {
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw new InvalidInputException("email", "invalid", "Email doesn't look like an email address.");
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = now();
		this.jdbc.sql("""
				INSERT INTO invitations (email, secret_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)""")
			.params(email, TokenSecret.sha256Hex(secret), by, SqlValues.utc(now), SqlValues.utc(now.plus(VALID_FOR)))
			.update();
		this.outbox.queue(new Mail(email, "You're invited to Latchkey", """
				You are invited to create an account on Latchkey, where you get personal access tokens
				for this platform's API. Open this link within a week to choose a username and password:

				%s

				The link works once. If you didn't expect this, ignore this mail.
				""".formatted(this.links.link("/signup?invitation=" + secret)), true));
		this.audit.record(SecurityAction.INVITATION_SENT, by, null, Map.of());
	}

	List<Invitation> recent(int limit) {
		return this.jdbc.sql("""
				SELECT i.email, i.created_at, i.expires_at, i.used_at, a.username
				  FROM invitations i LEFT JOIN accounts a ON a.id = i.invited_by
				 ORDER BY i.created_at DESC, i.id DESC""")
			.query((rs, row) -> new Invitation(rs.getString("email"), SqlValues.instant(rs, "created_at"),
					SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "used_at"), rs.getString("username")))
			.stream()
			.limit(limit)
			.toList();
	}

	@Override
	public Optional<String> addressOf(String secret) {
		return this.jdbc.sql("""
				SELECT email FROM invitations WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?""")
			.params(TokenSecret.sha256Hex(secret), SqlValues.utc(now()))
			.query(String.class)
			.optional();
	}

	@Override
	public boolean accept(String secret, Account account) {
		Instant now = now();
		boolean taken = this.jdbc.sql("""
				UPDATE invitations SET used_at = ?, account_id = ?
				 WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?""")
			.params(SqlValues.utc(now), account.id(), TokenSecret.sha256Hex(secret), SqlValues.utc(now))
			.update() == 1;
		if (taken && account.email() != null) {
			this.accounts.markEmailVerified(account.id(), account.email(), now);
		}
		return taken;
	}

	/** Whole seconds, so a time compares the same however a database rounds its fractions. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
