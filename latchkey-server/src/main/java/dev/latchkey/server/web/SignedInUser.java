package dev.latchkey.server.web;

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

	/**
	 * @param suspended a suspended account is locked: Spring Security refuses it after checking
	 * the password
	 */
	public SignedInUser(long accountId, String username, String passwordHash, boolean suspended, boolean admin) {
		super(username, passwordHash, true, true, true, !suspended, authorities(admin));
		this.accountId = accountId;
		this.admin = admin;
	}

	private static List<GrantedAuthority> authorities(boolean admin) {
		return admin ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
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
