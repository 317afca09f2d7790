package dev.latchkey.server.token.expiry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.check.NewAddressWatch;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry mail and new-address logging on a real PostgreSQL: each notice and each address
 * recorded once, by conditional inserts that must behave there as on H2.
 */
class TokenMailPostgresTests extends PostgresTestBase {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	ExpiryNotifier notifier;

	@Autowired
	NewAddressWatch addresses;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void expiryAndNewAddressWhenOnPostgresThenEachRecordedOnce() throws Exception {
		Account owner = this.fixtures.user();
		IssuedToken token = this.fixtures.token(owner, new Expiration.InDays(10), "user");
		Http http = new Http(this.port);
		http.get("/api/v1/user", Http.bearer(token.secret().reveal()));
		this.addresses.flush();
		http.get("/api/v1/user", Http.bearer(token.secret().reveal()));
		this.addresses.flush();
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM security_events
				WHERE token_id = ? AND action = 'personal_access_token.new_ip_address'""")
			.param(token.metadata().id())
			.query(Integer.class)
			.single()).isOne();

		this.clock.advance(Duration.ofDays(4));
		this.notifier.run();
		this.notifier.run();
		assertThat(this.mail.deliveredTo(owner.email()).getSubject()).endsWith("expires in 6 days");
	}

}
