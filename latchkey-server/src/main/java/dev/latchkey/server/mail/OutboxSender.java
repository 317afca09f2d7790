package dev.latchkey.server.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.server.config.SqlValues;

/**
 * Sends queued mail. Each mail is taken by moving its attempt count on in a conditional
 * update, so of several nodes only one sends it; a failed send is tried again after a pause
 * that doubles each time, up to {@code latchkey.mail.max-retry-delay}.
 */
@Component
class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	private static final int BATCH = 50;

	private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	/** How long a taken mail is left to its node before another may try it. */
	private static final Duration LEASE = Duration.ofMinutes(5);

	/** What stays of a sent mail that held a one-time link. */
	static final String SENT_ONE_TIME_LINK = "(sent; it held a one-time link, which is not kept)";

	/** How long sent mail is kept, for looking into what was sent. */
	private static final Duration KEEP_SENT = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> sender;

	private final MailProperties properties;

	private final Clock clock;

	OutboxSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
	}

	/** Sends the mail that is due; answers how many were sent. */
	@Scheduled(fixedDelayString = "${latchkey.mail.send-interval:5s}")
	public int sendDue() {
		JavaMailSender mailer = this.sender.getIfAvailable();
		if (mailer == null) {
			return 0;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.jdbc.sql("DELETE FROM mail_outbox WHERE sent_at < ?").param(SqlValues.utc(now.minus(KEEP_SENT))).update();
		int sent = 0;
		List<Queued> due;
		do {
			due = this.jdbc.sql("""
					SELECT id, recipient, subject, body, attempts FROM mail_outbox
					WHERE sent_at IS NULL AND attempts < ? AND next_attempt_at <= ?
					ORDER BY id FETCH FIRST ? ROWS ONLY""")
				.params(this.properties.maxAttempts(), SqlValues.utc(now), BATCH)
				.query(Queued.class)
				.list();
			for (Queued mail : due) {
				if (take(mail, now)) {
					sent += send(mailer, mail, now) ? 1 : 0;
				}
			}
		}
		// Taken and failed mail moves out of the window, so every round makes progress.
		while (due.size() == BATCH);
		return sent;
	}

	private boolean take(Queued mail, Instant now) {
		return this.jdbc.sql("""
				UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
				WHERE id = ? AND attempts = ? AND sent_at IS NULL""")
			.params(SqlValues.utc(now.plus(LEASE)), mail.id(), mail.attempts())
			.update() == 1;
	}

	private boolean send(JavaMailSender mailer, Queued mail, Instant now) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(mail.recipient());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		try {
			mailer.send(message);
			// A one-time link is the recipient's alone once it is sent.
			this.jdbc.sql("""
					UPDATE mail_outbox SET sent_at = ?, last_error = NULL,
					       body = CASE WHEN one_time_link THEN ? ELSE body END
					 WHERE id = ?""")
				.params(SqlValues.utc(now), SENT_ONE_TIME_LINK, mail.id())
				.update();
			return true;
		}
		catch (MailException ex) {
			int attempts = mail.attempts() + 1;
			Instant next = now.plus(retryDelay(attempts));
			this.jdbc.sql("UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?")
				.params(SqlValues.utc(next), clip(ex.getMessage()), mail.id())
				.update();
			log.warn("Could not send mail {} (attempt {} of {}); next try at {}: {}", mail.id(), attempts,
					this.properties.maxAttempts(), next, ex.getMessage());
			return false;
		}
	}

	Duration retryDelay(int attempts) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(this.properties.maxRetryDelay()) > 0) ? this.properties.maxRetryDelay() : delay;
	}

	private static @Nullable String clip(@Nullable String message) {
		return (message != null && message.length() > 500) ? message.substring(0, 500) : message;
	}

	private record Queued(long id, String recipient, String subject, String body, int attempts) {
	}

}
