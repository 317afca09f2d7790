package dev.latchkey.server.mail;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox against a real SMTP server: mail queued is delivered once, and a mail server
 * that is down only delays it.
 */
@LatchkeyTest
class OutboxTests {

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxSender sender;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MailProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void queueWhenSentThenDeliveredOnceFromTheConfiguredSender() throws Exception {
		String to = "once-" + System.nanoTime() + "@example.com";
		this.outbox.queue(new Mail(to, "Hello", "Just once."));

		assertThat(MailTestSupport.text(this.mail.deliveredTo(to))).contains("Just once.");
		assertThat(this.sender.sendDue()).as("nothing left to send").isZero();
		assertThat(this.mail.to(to)).hasSize(1);
		assertThat(this.mail.to(to).get(0).getFrom()[0].toString()).isEqualTo(this.properties.from());
	}

	@Test
	void sendWhenMailServerDownThenKeptWithErrorAndSentAfterThePause() throws Exception {
		// Whatever other tests queued goes out first, so the broken sender below only fails this one.
		this.mail.sendAll();
		String to = "retry-" + System.nanoTime() + "@example.com";
		this.outbox.queue(new Mail(to, "Later", "Eventually."));
		JavaMailSenderImpl nobodyListening = new JavaMailSenderImpl();
		nobodyListening.setHost("localhost");
		nobodyListening.setPort(1);
		OutboxSender down = new OutboxSender(this.jdbc,
				new StaticListableBeanFactory(Map.of("down", nobodyListening)).getBeanProvider(JavaMailSender.class),
				this.properties, this.clock);

		down.sendDue();

		Map<String, Object> row = this.jdbc.sql("SELECT attempts, sent_at, last_error FROM mail_outbox WHERE recipient = ?")
			.param(to)
			.query()
			.singleRow();
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("sent_at")).isNull();
		assertThat((String) row.get("last_error")).isNotBlank();
		assertThat(this.sender.sendDue()).as("not before the pause").isZero();
		assertThat(this.jdbc.sql("SELECT attempts FROM mail_outbox WHERE recipient = ?").param(to).query(Integer.class)
			.single()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(MailTestSupport.text(this.mail.deliveredTo(to))).contains("Eventually.");
	}

	@Test
	void retryDelayWhenAttemptsGrowThenDoublesUpToTheMaximum() {
		assertThat(this.sender.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.sender.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.sender.retryDelay(5)).isEqualTo(Duration.ofMinutes(8));
		assertThat(this.sender.retryDelay(12)).isEqualTo(this.properties.maxRetryDelay());
	}

}
