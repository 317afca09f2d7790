package dev.latchkey.server.audit;

import java.util.Optional;

/**
 * The one thing the security log's filters need of accounts: the id behind a username. The
 * accounts implement it, so the log, which every feature writes to, depends on none of them.
 */
public interface AccountIds {

	/** The id of the account with this username, if there is one. */
	Optional<Long> idOf(String username);

}
