package dev.latchkey.server.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

import dev.latchkey.server.config.SqlValues;

/**
 * Where features put mail. Queue it inside the transaction of the action it tells about:
 * then the action and its mail are written together or not at all, and sending, with its
 * retries, happens later off the request.
 */
@Service
public class Outbox {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final boolean configured;

	private final MailAddresses accounts;

	Outbox(JdbcClient jdbc, Clock clock, ObjectProvider<JavaMailSender> sender, MailAddresses accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
		this.configured = sender.getIfAvailable() != null;
	}

	/** Queues a mail to a user at their address; nothing for a user without one. */
	public void queueTo(long accountId, Function<String, Mail> compose) {
		this.accounts.addressOf(accountId).ifPresent((address) -> queue(compose.apply(address)));
	}

	/**
	 * Queues a mail to be sent as soon as the sender runs. Without an SMTP server configured
	 * ({@code spring.mail.host}) there is no one to send it, so it is dropped rather than kept.
	 */
	public void queue(Mail mail) {
		if (!this.configured) {
			log.debug("No mail server configured; not sending \"{}\"", mail.subject());
			return;
		}
		// Whole milliseconds: a database that rounds finer fractions up would put the mail in the future.
		OffsetDateTime now = SqlValues.utc(this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		this.jdbc.sql("""
				INSERT INTO mail_outbox (recipient, subject, body, created_at, next_attempt_at, attempts, one_time_link)
				VALUES (?, ?, ?, ?, ?, 0, ?)""")
			.params(mail.to(), mail.subject(), mail.body(), now, now, mail.oneTimeLink())
			.update();
	}

}
