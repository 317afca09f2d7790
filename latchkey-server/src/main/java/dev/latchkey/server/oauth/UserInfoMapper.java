package dev.latchkey.server.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;

/**
 * OpenID Connect's {@code /userinfo}: the claims the granted scopes allow, read from the
 * account rather than from a stored ID token.
 */
@Component
class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final AccountStore accounts;

	UserInfoMapper(AccountStore accounts) {
		this.accounts = accounts;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		Set<String> scopes = context.getAccessToken().getScopes();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", authorization.getPrincipalName());
		Account account = this.accounts.findByUsername(authorization.getPrincipalName()).orElse(null);
		if (account != null && scopes.contains(OidcScopes.PROFILE)) {
			claims.put("preferred_username", account.username());
			claims.put("name", account.username());
		}
		if (account != null && account.email() != null && scopes.contains(OidcScopes.EMAIL)) {
			claims.put("email", account.email());
			claims.put("email_verified", account.emailVerified());
		}
		return new OidcUserInfo(claims);
	}

}
