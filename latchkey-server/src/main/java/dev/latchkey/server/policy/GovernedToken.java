package dev.latchkey.server.policy;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A stored personal access token as the policy sees it. The token feature's own record
 * implements it, so the policy reads tokens without depending on how they are kept.
 */
public interface GovernedToken {

	long id();

	/** The owner. */
	long accountId();

	String name();

	/** How the token is shown after its one showing, such as {@code lkp_…x7Qa}. */
	String redacted();

	List<String> scopes();

	Instant createdAt();

	@Nullable Instant expiresAt();

	@Nullable Instant lastUsedAt();

	@Nullable String lastUsedIp();

	/** Whether the owner issued it for someone else. */
	boolean sanctioned();

	default boolean isExpired(Instant now) {
		return expiresAt() != null && !now.isBefore(expiresAt());
	}

}
