package dev.latchkey.server.account;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the security settings and sign-in pages need of passkeys, which live in their own
 * feature and plug in here.
 */
public interface Passkeys {

	/** The account's passkeys, newest first. */
	List<Passkey> of(String username);

	/**
	 * Removes every passkey of the account, each a {@code passkey.removed} event: for an admin
	 * resetting the sign-in of someone who lost the device that held them.
	 * @return how many there were
	 */
	int removeAll(String username);

	/**
	 * One passkey as its owner sees it.
	 *
	 * @param id the credential id, Base64url
	 * @param name what its owner called it
	 * @param createdAt when it was added
	 * @param lastUsedAt when it last signed in
	 */
	record Passkey(String id, String name, @Nullable Instant createdAt, @Nullable Instant lastUsedAt) {
	}

}
