package dev.latchkey.server.passkey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.Passkeys.Passkey;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey storage on PostgreSQL: Spring Security's JDBC stores over this project's migration
 * (binary columns as {@code bytea}), and the security log of adding and removing.
 */
class PasskeyPostgresTests extends PostgresTestBase {

	@Autowired
	PublicKeyCredentialUserEntityRepository users;

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	PasskeyDirectory directory;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Test
	void passkeyWhenSavedOnPostgresThenReadBackListedAndRemovedWithLogEntries() {
		Account user = this.fixtures.user();
		Bytes handle = Bytes.random();
		this.users.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.id(handle)
			.name(user.username())
			.displayName(user.username())
			.build());
		Bytes credentialId = Bytes.random();
		Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.credentials.save(ImmutableCredentialRecord.builder()
			.credentialId(credentialId)
			.userEntityUserId(handle)
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3, (byte) 0xff }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of(AuthenticatorTransport.INTERNAL))
			.backupEligible(false)
			.backupState(false)
			.created(created)
			.lastUsed(created)
			.label("Security key")
			.build());

		CredentialRecord read = this.credentials.findByCredentialId(credentialId);
		assertThat(read.getPublicKey().getBytes()).containsExactly(1, 2, 3, 0xff);
		assertThat(read.getUserEntityUserId()).isEqualTo(handle);
		List<Passkey> listed = this.directory.of(user.username());
		assertThat(listed).singleElement().satisfies((passkey) -> {
			assertThat(passkey.name()).isEqualTo("Security key");
			assertThat(passkey.lastUsedAt()).as("added, never used").isNull();
		});
		assertThat(this.directory.owned(this.fixtures.user().username(), listed.get(0).id())).as("someone else's")
			.isEmpty();

		this.directory.remove(this.directory.owned(user.username(), listed.get(0).id()).orElseThrow());

		assertThat(this.directory.of(user.username())).isEmpty();
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), null, null, null, null, 10)))
			.extracting((event) -> event.action())
			.contains(SecurityAction.PASSKEY_ADDED, SecurityAction.PASSKEY_REMOVED);
	}

}
