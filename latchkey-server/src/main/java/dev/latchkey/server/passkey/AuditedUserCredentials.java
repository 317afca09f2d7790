package dev.latchkey.server.passkey;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;

/**
 * Spring Security's credential store, with a security-log entry when a passkey is added
 * (saving a known one only counts a use) or removed, whichever endpoint did it.
 */
class AuditedUserCredentials implements UserCredentialRepository {

	private final UserCredentialRepository delegate;

	private final PublicKeyCredentialUserEntityRepository users;

	private final AccountStore accounts;

	private final AuditLog audit;

	AuditedUserCredentials(UserCredentialRepository delegate, PublicKeyCredentialUserEntityRepository users, AccountStore accounts,
			AuditLog audit) {
		this.delegate = delegate;
		this.users = users;
		this.accounts = accounts;
		this.audit = audit;
	}

	@Override
	public void save(CredentialRecord record) {
		boolean added = this.delegate.findByCredentialId(record.getCredentialId()) == null;
		this.delegate.save(record);
		if (added) {
			record(SecurityAction.PASSKEY_ADDED, record);
		}
	}

	@Override
	public void delete(Bytes credentialId) {
		CredentialRecord record = this.delegate.findByCredentialId(credentialId);
		this.delegate.delete(credentialId);
		if (record != null) {
			record(SecurityAction.PASSKEY_REMOVED, record);
		}
	}

	@Override
	public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.delegate.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.delegate.findByUserId(userId);
	}

	private void record(SecurityAction action, CredentialRecord record) {
		PublicKeyCredentialUserEntity owner = this.users.findById(record.getUserEntityUserId());
		Long accountId = (owner != null) ? this.accounts.idOf(owner.getName()).orElse(null) : null;
		this.audit.record(action, accountId, null, Map.of("passkey", record.getLabel()));
	}

}
