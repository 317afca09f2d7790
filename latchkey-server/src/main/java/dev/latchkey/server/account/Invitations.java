package dev.latchkey.server.account;

import java.util.Optional;

/**
 * What sign-up needs of invitations, which live in their own feature and plug in here.
 */
public interface Invitations {

	/** The address a valid invitation was sent to; empty for an unknown, used or expired one. */
	Optional<String> addressOf(String secret);

	/**
	 * Uses the invitation up for the account just created with it.
	 * @return false if it was used meanwhile, and the sign-up must not stand
	 */
	boolean accept(String secret, Account account);

}
