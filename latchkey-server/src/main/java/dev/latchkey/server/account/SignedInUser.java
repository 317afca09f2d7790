package dev.latchkey.server.account;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The principal of a browser session: the account id travels with it so pages need no
 * lookup by name.
 */
public class SignedInUser extends User {

	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final boolean admin;

	SignedInUser(Account account, String passwordHash) {
		// A suspended account is locked: Spring Security refuses it after checking the password.
		super(account.username(), passwordHash, true, true, true, !account.suspended(), authorities(account));
		this.accountId = account.id();
		this.admin = account.admin();
	}

	private static List<GrantedAuthority> authorities(Account account) {
		return account.admin() ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	public long accountId() {
		return this.accountId;
	}

	public boolean admin() {
		return this.admin;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
