package dev.latchkey.server.token.expiry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Summary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.TokenMetadata;

/**
 * Each user's iCalendar feed (RFC 5545) of their tokens' expiry dates, at a secret address a
 * calendar app subscribes to. Making a new address stops the old one.
 */
@Service
public class CalendarFeeds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PersonalAccessTokenStore tokens;

	private final MailProperties links;

	private final TransactionOperations transaction;

	private final Clock clock;

	CalendarFeeds(JdbcClient jdbc, PersonalAccessTokenStore tokens, MailProperties links,
			TransactionOperations transaction, Clock clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.links = links;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Makes the user's feed address, replacing any earlier one; answers its secret path. */
	public String create(long accountId) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		OffsetDateTime now = SqlValues.utc(this.clock.instant());
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("DELETE FROM calendar_feeds WHERE account_id = ?").param(accountId).update();
			this.jdbc.sql("INSERT INTO calendar_feeds (account_id, feed_hash, created_at) VALUES (?, ?, ?)")
				.params(accountId, TokenSecret.sha256Hex(secret), now)
				.update();
		});
		return "/calendar/" + secret + ".ics";
	}

	/** The feed at this secret, if there is one. */
	public Optional<String> feed(String secret) {
		return this.jdbc.sql("SELECT account_id FROM calendar_feeds WHERE feed_hash = ?")
			.param(TokenSecret.sha256Hex(secret))
			.query(Long.class)
			.optional()
			.map(this::calendar);
	}

	private String calendar(long accountId) {
		ICalendar calendar = new ICalendar();
		calendar.setProductId("-//Latchkey//Token expiry dates//EN");
		calendar.setName("Latchkey token expiry dates");
		for (TokenMetadata token : this.tokens.findByAccount(accountId)) {
			Instant expiresAt = token.expiresAt();
			if (expiresAt == null) {
				continue;
			}
			VEvent event = new VEvent();
			// One event per token and expiry: regenerating moves the date, so it is a new event.
			event.setUid("pat-" + token.id() + "-" + expiresAt.getEpochSecond() + "@latchkey");
			event.setSummary(new Summary("Token \"" + token.name() + "\" expires"));
			event.setDateStart(Date.from(expiresAt), true);
			event.setDescription("Personal access token " + token.redacted() + " (scopes: "
					+ String.join(", ", token.scopes()) + ") stops working. Regenerate it before then.");
			event.setUrl(this.links.link("/settings/tokens/" + token.id() + "/regenerate"));
			calendar.addEvent(event);
		}
		return Biweekly.write(calendar).go();
	}

}
