package dev.latchkey.spring;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

import dev.latchkey.client.AuthorizationHeader;

/**
 * Reads the token from {@code Authorization} as the Latchkey server does: {@code Bearer},
 * GitHub's {@code token}, or {@code Basic} with the token as the password. Never from the
 * query string.
 */
public final class LatchkeyBearerTokenResolver implements BearerTokenResolver {

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		AuthorizationHeader header = AuthorizationHeader.from(request.getHeader("Authorization"));
		if (header instanceof AuthorizationHeader.Candidate candidate) {
			// A DPoP-scheme token is Spring Security's DPoP filter's to check, with its proof.
			return candidate.dpop() ? null : candidate.value();
		}
		if (header instanceof AuthorizationHeader.Unreadable unreadable) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(unreadable.reason()));
		}
		return null;
	}

}
