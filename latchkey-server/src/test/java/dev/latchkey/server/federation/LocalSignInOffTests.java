package dev.latchkey.server.federation;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With local sign-in off, the identity providers are the only way in: a right password signs
 * nobody in and nobody signs up here, except the first admin, the way in when a provider is down.
 */
@LatchkeyTest
@TestPropertySource(properties = "latchkey.accounts.local-sign-in=false")
class LocalSignInOffTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Test
	void passwordWhenRightThenStillNoSessionForAUserButTheFirstAdminGetsIn() {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);

		HttpResponse<String> refused = page.signIn(user.username(), TestFixtures.PASSWORD);

		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/login?local_off"));
		assertThat(page.get("/settings/tokens").statusCode()).as("not signed in").isEqualTo(302);

		PageSession admin = new PageSession(this.port);
		assertThat(admin.signIn("root", "root-password-for-tests").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/settings/tokens"));
		assertThat(admin.get("/settings/tokens").statusCode()).isEqualTo(200);
	}

	@Test
	void signUpWhenLocalSignInIsOffThenClosed() {
		PageSession page = new PageSession(this.port);
		assertThat(page.get("/signup").statusCode()).isEqualTo(403);
		assertThat(page.get("/login").body()).doesNotContain("Create an account");
	}

}
