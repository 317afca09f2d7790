package dev.latchkey.server.token.expiry;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry mail through a real SMTP server: a reminder before, a notice on the day, each once,
 * with a link that opens Regenerate.
 */
@LatchkeyTest
class ExpiryNotifierTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	ExpiryNotifier notifier;

	@Autowired
	MailTestSupport mail;

	@Autowired
	AuditLog audit;

	@Autowired
	MutableClock clock;

	@Autowired
	TokenService tokens;

	@Test
	void tokenWhenSevenDaysFromExpiryThenOneReminderWithRegenerateLinkThenOneExpiryNotice() throws Exception {
		Account owner = this.fixtures.user();
		IssuedToken token = this.fixtures.token(owner, new Expiration.InDays(30), "user");

		this.clock.advance(Duration.ofDays(22));
		this.notifier.run();
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).isEmpty();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.notifier.run();
		this.notifier.run();

		MimeMessage reminder = this.mail.deliveredTo(owner.email());
		assertThat(reminder.getSubject()).isEqualTo("Your personal access token \"" + token.metadata().name()
				+ "\" expires in 7 days");
		String text = MailTestSupport.text(reminder);
		assertThat(text).contains(token.metadata().redacted()).contains("scopes: user").doesNotContain(
				token.secret().reveal());
		String link = text.lines().filter((line) -> line.contains("/regenerate")).findFirst().orElseThrow().strip();
		assertThat(link).endsWith("/settings/tokens/" + token.metadata().id() + "/regenerate?expiration=30");

		PageSession page = new PageSession(this.port);
		page.signIn(owner.username(), TestFixtures.PASSWORD);
		String regenerate = page.get(link.substring(link.indexOf("/settings/"))).body();
		assertThat(regenerate).contains(token.metadata().name()).contains("<option value=\"30\" selected=\"selected\">");

		this.clock.advance(Duration.ofDays(7));
		this.notifier.run();
		this.notifier.run();
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).hasSize(2)
			.last()
			.satisfies((expired) -> assertThat(expired.getSubject()).endsWith("has expired"));
		assertThat(this.audit.find(new SecurityEventQuery(owner.id(), SecurityAction.TOKEN_EXPIRED, null, null, null,
				10)))
			.singleElement()
			.satisfies((event) -> assertThat(event.actor()).isEqualTo("latchkey"));
	}

	@Test
	void tokenWhenLifeShorterThanTheReminderThenOnlyTheExpiryNotice() throws Exception {
		Account owner = this.fixtures.user();
		this.fixtures.token(owner, new Expiration.InDays(3), "user");

		this.notifier.run();
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).isEmpty();
		this.clock.advance(Duration.ofDays(3).plusMinutes(1));
		this.notifier.run();
		assertThat(this.mail.deliveredTo(owner.email()).getSubject()).endsWith("has expired");
	}

	@Test
	void tokenWhenRegeneratedAfterItsReminderThenRemindedAgainBeforeTheNewExpiry() throws Exception {
		Account owner = this.fixtures.user();
		IssuedToken token = this.fixtures.token(owner, new Expiration.InDays(8), "user");
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.notifier.run();
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).hasSize(1);

		this.tokens.regenerate(owner.id(), token.metadata().id(), new Expiration.InDays(10), null);
		this.clock.advance(Duration.ofDays(3).plusMinutes(1));
		this.notifier.run();
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).hasSize(2)
			.allSatisfy((reminder) -> assertThat(reminder.getSubject()).endsWith("expires in 7 days"));
	}

}
