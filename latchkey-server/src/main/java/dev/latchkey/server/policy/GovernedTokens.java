package dev.latchkey.server.policy;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link PolicyEnforcement} needs of the stored tokens: to read them all, to find the
 * unused ones, and to revoke one. The token feature implements it.
 */
public interface GovernedTokens {

	/** Reads every token in owner order while {@code action} answers true. */
	void forEachWhile(Predicate<GovernedToken> action);

	/** At most {@code limit} tokens unused since {@code cutoff}, oldest id first. */
	List<? extends GovernedToken> unusedSince(Instant cutoff, int limit);

	/**
	 * Revokes a token because it went unused for longer than the policy allows, with its
	 * security log entry.
	 * @return false if it was revoked meanwhile, by its owner or another node
	 */
	boolean revokeUnused(GovernedToken token);

}
