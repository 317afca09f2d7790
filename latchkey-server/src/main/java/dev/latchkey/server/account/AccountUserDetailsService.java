package dev.latchkey.server.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import dev.latchkey.server.web.SignedInUser;

/**
 * Loads accounts for form sign-in.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final AccountStore accounts;

	AccountUserDetailsService(AccountStore accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.accounts.findCredentials(username)
			.map((credentials) -> principal(credentials.account(), credentials.passwordHash()))
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

	/** The session's principal for this account, with the hash the password is checked against. */
	static SignedInUser principal(Account account, String passwordHash) {
		return new SignedInUser(account.id(), account.username(), passwordHash, account.suspended(), account.admin());
	}

}
