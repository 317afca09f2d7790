package dev.latchkey.server.invitation;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.AccountStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With sign-up closed, nobody signs up: not from the page, not by posting the form.
 */
@LatchkeyTest
@TestPropertySource(properties = "latchkey.accounts.sign-up=closed")
class ClosedSignUpTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountStore accounts;

	@Test
	void signUpWhenClosedThenRefusedAndNotOffered() {
		PageSession page = new PageSession(this.port);

		assertThat(page.get("/signup").statusCode()).isEqualTo(403);
		assertThat(page.get("/signup").body()).contains("Sign-up is closed");
		assertThat(page.get("/login").body()).doesNotContain("Create an account");
		assertThat(page.submit("/login", "/signup", "username=latecomer&email=latecomer%40example.com&password="
				+ PageSession.encode(TestFixtures.PASSWORD)).statusCode()).isEqualTo(403);
		assertThat(this.accounts.findByUsername("latecomer")).isEmpty();
	}

}
