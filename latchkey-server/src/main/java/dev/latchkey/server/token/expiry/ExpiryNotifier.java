package dev.latchkey.server.token.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.TokenMetadata;

/**
 * Mails owners before their tokens expire (at each configured reminder) and on the day they
 * do, with a link that opens Regenerate; logs each expiry. Each notice is noted with its mail
 * and log entry in one transaction, and noted once, so no owner gets one twice.
 */
@Component
class ExpiryNotifier {

	private static final Logger log = LoggerFactory.getLogger(ExpiryNotifier.class);

	static final String EXPIRED = "expired";

	private static final int BATCH = 500;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final PersonalAccessTokenStore tokens;

	private final ExpiryNoticeStore notices;

	private final Outbox outbox;

	private final AuditLog audit;

	private final MailProperties mail;

	private final ExpiryMailProperties properties;

	private final TransactionOperations transaction;

	private final Clock clock;

	ExpiryNotifier(PersonalAccessTokenStore tokens, ExpiryNoticeStore notices, Outbox outbox,
			AuditLog audit, MailProperties mail, ExpiryMailProperties properties, TransactionOperations transaction,
			Clock clock) {
		this.tokens = tokens;
		this.notices = notices;
		this.outbox = outbox;
		this.audit = audit;
		this.mail = mail;
		this.properties = properties;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Sends the notices that are due; answers how many. */
	@Scheduled(fixedDelayString = "${latchkey.expiry-mail.check-interval:15m}")
	int run() {
		Instant now = this.clock.instant();
		int sent = 0;
		// Longest reminder first: a token inside two windows at once gets the nearer one last.
		List<Duration> reminders = this.properties.reminders().stream().sorted(Comparator.reverseOrder()).toList();
		for (Duration before : reminders) {
			String notice = "reminder:" + before.toDays();
			for (TokenMetadata token : this.tokens.findExpiringWithoutNotice(now, now.plus(before), notice, BATCH)) {
				// A token that never lived that long before its expiry doesn't need the reminder.
				if (!token.createdAt().isAfter(token.expiresAt().minus(before))) {
					sent += notify(token, notice, now, false) ? 1 : 0;
				}
			}
		}
		// Expired since the last look; a day's grace covers a node that was down for a while.
		for (TokenMetadata token : this.tokens.findExpiringWithoutNotice(now.minus(Duration.ofDays(1)), now, EXPIRED,
				BATCH)) {
			sent += notify(token, EXPIRED, now, true) ? 1 : 0;
		}
		if (sent > 0) {
			log.info("Sent {} token expiry notices", sent);
		}
		return sent;
	}

	private boolean notify(TokenMetadata token, String notice, Instant now, boolean expired) {
		Boolean noted = this.transaction.execute((status) -> {
			if (!this.notices.mark(token.id(), notice, now)) {
				return false;
			}
			if (expired) {
				this.audit.record(SecurityAction.TOKEN_EXPIRED, token.accountId(), token.id(),
						Map.of("name", token.name()), Origin.server());
			}
			this.outbox.queueTo(token.accountId(),
					(address) -> expired ? expiredMail(address, token) : reminderMail(address, token, now));
			return true;
		});
		return Boolean.TRUE.equals(noted);
	}

	private Mail reminderMail(String to, TokenMetadata token, Instant now) {
		// Whole days, rounded up: a token due in 6 days and 23 hours "expires in 7 days".
		long days = Math.max(1, Duration.between(now, token.expiresAt()).plusDays(1).minusSeconds(1).toDays());
		return new Mail(to, "Your personal access token \"" + token.name() + "\" expires in " + days
				+ ((days == 1) ? " day" : " days"), """
						Your personal access token "%s" (%s, scopes: %s) expires on %s.

						To keep using it, regenerate it before then: it keeps its name and scopes and gets a new
						value, which you put where the old one is used.
						%s
						""".formatted(token.name(), token.redacted(), String.join(", ", token.scopes()),
						WHEN.format(token.expiresAt()), regenerateLink(token)));
	}

	private Mail expiredMail(String to, TokenMetadata token) {
		return new Mail(to, "Your personal access token \"" + token.name() + "\" has expired", """
				Your personal access token "%s" (%s, scopes: %s) expired on %s. Requests made with it are
				refused.

				If you still need it, regenerate it: it keeps its name and scopes and gets a new value.
				%s
				""".formatted(token.name(), token.redacted(), String.join(", ", token.scopes()),
				WHEN.format(token.expiresAt()), regenerateLink(token)));
	}

	/** Regenerate, with the expiration choice nearest to the token's lifetime picked. */
	private String regenerateLink(TokenMetadata token) {
		long lifetime = Duration.between(token.createdAt(), token.expiresAt()).toDays();
		long choice = List.of(7L, 30L, 60L, 90L).stream()
			.min(Comparator.comparingLong((days) -> Math.abs(days - lifetime)))
			.orElse(30L);
		return this.mail.link("/settings/tokens/" + token.id() + "/regenerate?expiration=" + choice);
	}

}
