package dev.latchkey.server.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

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
			.map((credentials) -> new SignedInUser(credentials.account(), credentials.passwordHash()))
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

}
