package dev.latchkey.server.check;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first use of a token from an address is logged once, by the flush, not per request.
 */
@LatchkeyTest
class NewAddressWatchTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	NewAddressWatch watch;

	@Autowired
	JdbcClient jdbc;

	@Test
	void useWhenFirstFromAnAddressThenLoggedOnceAcrossFlushes() {
		Account user = this.fixtures.user();
		IssuedToken token = this.fixtures.token(user, "user");
		Http http = new Http(this.port);

		assertThat(http.get("/api/v1/user", Http.bearer(token.secret().reveal())).status()).isEqualTo(200);
		assertThat(newAddressEvents(token)).isZero();
		this.watch.flush();
		assertThat(http.get("/api/v1/user", Http.bearer(token.secret().reveal())).status()).isEqualTo(200);
		this.watch.flush();

		assertThat(newAddressEvents(token)).isOne();
		assertThat(this.jdbc.sql("""
				SELECT actor, ip_address FROM security_events
				WHERE token_id = ? AND action = 'personal_access_token.new_ip_address'""")
			.param(token.metadata().id())
			.query()
			.singleRow()).containsEntry("ACTOR", user.username()).containsEntry("IP_ADDRESS", "127.0.0.1");
	}

	private int newAddressEvents(IssuedToken token) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM security_events
				WHERE token_id = ? AND action = 'personal_access_token.new_ip_address'""")
			.param(token.metadata().id())
			.query(Integer.class)
			.single();
	}

}
