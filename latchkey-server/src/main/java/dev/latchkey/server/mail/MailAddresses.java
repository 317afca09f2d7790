package dev.latchkey.server.mail;

import java.util.Optional;

/**
 * Where mail to an account goes. The accounts implement it, so the outbox, which accounts
 * use too (password reset links), depends on none of them.
 */
public interface MailAddresses {

	/** The account's email address, if it has one. */
	Optional<String> addressOf(long accountId);

}
