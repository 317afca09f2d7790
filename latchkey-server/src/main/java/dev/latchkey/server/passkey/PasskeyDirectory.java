package dev.latchkey.server.passkey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.Passkeys;

/**
 * An account's passkeys, read from Spring Security's stores, where a user is known by a
 * random handle and the handle by the username.
 */
@Component
class PasskeyDirectory implements Passkeys {

	private final PublicKeyCredentialUserEntityRepository users;

	private final UserCredentialRepository credentials;

	PasskeyDirectory(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials) {
		this.users = users;
		this.credentials = credentials;
	}

	@Override
	public List<Passkey> of(String username) {
		PublicKeyCredentialUserEntity user = this.users.findByUsername(username);
		if (user == null) {
			return List.of();
		}
		return this.credentials.findByUserId(user.getId())
			.stream()
			.sorted(Comparator.comparing(CredentialRecord::getCreated,
					Comparator.nullsLast(Comparator.reverseOrder())))
			.map((record) -> new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(),
					record.getCreated(), lastSignIn(record)))
			.toList();
	}

	@Override
	public int removeAll(String username) {
		PublicKeyCredentialUserEntity user = this.users.findByUsername(username);
		if (user == null) {
			return 0;
		}
		List<CredentialRecord> records = this.credentials.findByUserId(user.getId());
		records.forEach((record) -> this.credentials.delete(record.getCredentialId()));
		return records.size();
	}

	/** Spring Security gives a new passkey a last use equal to its creation; that is no sign-in. */
	private static @Nullable Instant lastSignIn(CredentialRecord record) {
		Instant created = record.getCreated();
		Instant lastUsed = record.getLastUsed();
		return (lastUsed != null && (created == null || lastUsed.isAfter(created))) ? lastUsed : null;
	}

	/** The user's own passkey by its id; empty if there is none, or it is someone else's. */
	Optional<Bytes> owned(String username, String id) {
		PublicKeyCredentialUserEntity user = this.users.findByUsername(username);
		Bytes credentialId;
		try {
			credentialId = Bytes.fromBase64(id);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		CredentialRecord record = this.credentials.findByCredentialId(credentialId);
		return (user != null && record != null && record.getUserEntityUserId().equals(user.getId()))
				? Optional.of(credentialId) : Optional.empty();
	}

	void remove(Bytes credentialId) {
		this.credentials.delete(credentialId);
	}

}
