package dev.latchkey.server.oauth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;

/**
 * Lets a personal access token revoke itself at {@code /oauth2/revoke}: a request that
 * presents the token as {@code Authorization: Bearer} and names the same token in
 * {@code token}. Possession of the secret is the right to end it, as on GitHub.
 */
final class SelfRevocationFilter extends OncePerRequestFilter {

	private final TokenFormat format;

	private final PersonalTokenRevoker revoker;

	SelfRevocationFilter(TokenFormat format, PersonalTokenRevoker revoker) {
		this.format = format;
		this.revoker = revoker;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !"/oauth2/revoke".equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String token = request.getParameter(OAuth2ParameterNames.TOKEN);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && token != null
				&& header.substring(7).strip().equals(token) && this.format.isValid(token, TokenKind.PERSONAL)) {
			this.revoker.revokeSelf(token);
			response.setStatus(HttpServletResponse.SC_OK);
			return;
		}
		chain.doFilter(request, response);
	}

}
