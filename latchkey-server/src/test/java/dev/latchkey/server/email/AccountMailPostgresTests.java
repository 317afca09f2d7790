package dev.latchkey.server.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification links and changes of address on PostgreSQL: the conditional updates that make a
 * link work once, and only for the address it was sent to.
 */
class AccountMailPostgresTests extends PostgresTestBase {

	private static final Pattern SECRET = Pattern.compile("/verify_email/([A-Za-z0-9_-]+)");

	@Autowired
	EmailVerifications verifications;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AccountStore accounts;

	@Autowired
	MailTestSupport mail;

	@Test
	void verificationWhenOnPostgresThenOnceAndOnlyForTheCurrentAddress() throws Exception {
		Account user = this.fixtures.unverifiedUser();
		this.verifications.send(user);
		this.mail.sendAll();
		String first = secret(user.email(), 0);
		this.verifications.change(user, "changed-" + user.email());
		this.mail.sendAll();

		assertThat(this.verifications.verify(first)).as("the address it was sent to is gone").isFalse();
		String second = secret("changed-" + user.email(), 0);
		assertThat(this.verifications.verify(second)).isTrue();
		assertThat(this.verifications.verify(second)).isFalse();
		assertThat(this.accounts.addressOf(user.id())).hasValue("changed-" + user.email());
	}

	private String secret(String address, int index) throws Exception {
		Matcher matcher = SECRET.matcher(MailTestSupport.text(this.mail.to(address).get(index)));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
