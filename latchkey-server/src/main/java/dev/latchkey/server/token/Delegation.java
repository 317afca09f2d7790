package dev.latchkey.server.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who holds a sanctioned token: the user its owner issued it for.
 *
 * @param accountId the delegate's account
 * @param username the delegate's username
 * @param acceptedAt when the delegate accepted it and saw its value; absent while it waits,
 * and until then it doesn't work
 */
public record Delegation(long accountId, String username, @Nullable Instant acceptedAt) {

	public boolean accepted() {
		return this.acceptedAt != null;
	}

}
