package dev.latchkey.server.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user of the platform.
 *
 * @param id the account's stable id
 * @param username the name as the user typed it; unique ignoring case
 * @param email the address for notices; absent only for a bootstrapped admin
 * @param admin whether the user administers Latchkey
 * @param createdAt when the account was made
 * @param suspendedAt when an admin suspended it; absent while it is in good standing
 */
public record Account(long id, String username, @Nullable String email, boolean admin, Instant createdAt,
		@Nullable Instant suspendedAt, @Nullable Instant emailVerifiedAt) {

	/** Whether the owner has shown the address is theirs, by following the link mailed to it. */
	public boolean emailVerified() {
		return this.email != null && this.emailVerifiedAt != null;
	}

	public boolean suspended() {
		return this.suspendedAt != null;
	}

}
