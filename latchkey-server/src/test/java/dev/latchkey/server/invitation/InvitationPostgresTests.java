package dev.latchkey.server.invitation;

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

/** Invitations on PostgreSQL: one use, for the invited address, which comes out verified. */
class InvitationPostgresTests extends PostgresTestBase {

	@Autowired
	InvitationService invitations;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AccountStore accounts;

	@Autowired
	MailTestSupport mail;

	@Test
	void invitationWhenOnPostgresThenAcceptedOnceAndTheAddressVerified() throws Exception {
		Account admin = this.fixtures.admin();
		Account invitee = this.fixtures.unverifiedUser();
		this.invitations.invite(invitee.email(), admin.id());
		this.mail.sendAll();
		Matcher matcher = Pattern.compile("invitation=([A-Za-z0-9_-]+)")
			.matcher(MailTestSupport.text(this.mail.deliveredTo(invitee.email())));
		assertThat(matcher.find()).isTrue();
		String secret = matcher.group(1);

		assertThat(this.invitations.addressOf(secret)).hasValue(invitee.email());
		assertThat(this.invitations.accept(secret, invitee)).isTrue();
		assertThat(this.invitations.accept(secret, invitee)).isFalse();
		assertThat(this.invitations.addressOf(secret)).isEmpty();
		assertThat(this.accounts.findById(invitee.id()).orElseThrow().emailVerified()).isTrue();
		assertThat(this.invitations.recent(5)).anySatisfy((row) -> {
			assertThat(row.email()).isEqualTo(invitee.email());
			assertThat(row.usedAt()).isNotNull();
			assertThat(row.invitedBy()).isEqualTo(admin.username());
		});
	}

}
