package dev.latchkey.server.api;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.latchkey.server.check.ActiveToken;

/**
 * A request authenticated by a token. Its authorities are the token's scopes as
 * {@code SCOPE_name}, as Spring Security's resource server names them.
 */
public final class ApiAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient ActiveToken token;

	ApiAuthentication(ActiveToken token) {
		super(token.scopes().stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
		this.token = token;
		setAuthenticated(true);
	}

	public ActiveToken token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		// The plain token is never kept once checked.
		return "";
	}

	@Override
	public ActiveToken getPrincipal() {
		return this.token;
	}

	@Override
	public String getName() {
		return this.token.username();
	}

}
