package dev.latchkey.server.oauth;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * What Spring Authorization Server leaves to the application at its two consent endpoints,
 * the authorization endpoint and the device verification endpoint. Both are protocol
 * endpoints, exempt from CSRF, yet a consent is a person's click on one of Latchkey's pages:
 * <ul>
 * <li>every consent, and every device code entered, comes with the page's CSRF token
 * ({@link #csrf()}), so that no other site can post one for a signed-in user;</li>
 * <li>a grant that includes {@code tokens:write} needs sudo mode, as creating a token does,
 * so that a stolen session can't get around sudo by authorizing an app;</li>
 * <li>the device verification endpoint takes no {@code GET}: a link to it only fills the code
 * in on {@code /device}, as on GitHub, and approving always takes the consent page's post.</li>
 * </ul>
 */
final class ConsentGuard extends OncePerRequestFilter {

	static final String DEVICE_VERIFICATION = "/device/verify";

	private static final String AUTHORIZATION = "/oauth2/authorize";

	private final HashedOAuth2AuthorizationService authorizations;

	private final SudoMode sudoMode;

	ConsentGuard(HashedOAuth2AuthorizationService authorizations, SudoMode sudoMode) {
		this.authorizations = authorizations;
		this.sudoMode = sudoMode;
	}

	/** Checks the pages' CSRF token (same session store as the pages' chain) on consents and code entries. */
	static CsrfFilter csrf() {
		CsrfFilter filter = new CsrfFilter(new HttpSessionCsrfTokenRepository());
		filter.setRequireCsrfProtectionMatcher(ConsentGuard::isConsentOrCodeEntry);
		return filter;
	}

	private static boolean isConsentOrCodeEntry(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return false;
		}
		String path = request.getServletPath();
		// A POST to the authorization endpoint with a response_type is an authorization request, not a consent.
		return DEVICE_VERIFICATION.equals(path) || (AUTHORIZATION.equals(path)
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getServletPath();
		return !AUTHORIZATION.equals(path) && !DEVICE_VERIFICATION.equals(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("GET".equals(request.getMethod()) && DEVICE_VERIFICATION.equals(request.getServletPath())) {
			String userCode = request.getParameter(OAuth2ParameterNames.USER_CODE);
			response.sendRedirect(UriComponentsBuilder.fromPath(request.getContextPath() + "/device")
				.queryParamIfPresent(OAuth2ParameterNames.USER_CODE, java.util.Optional.ofNullable(userCode))
				.encode()
				.build()
				.toUriString());
			return;
		}
		if (isConsentOrCodeEntry(request) && needsSudo(request.getParameter(OAuth2ParameterNames.STATE))
				&& !inSudoMode(request.getSession(false))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean inSudoMode(@Nullable HttpSession session) {
		return session != null && this.sudoMode.isActive(session);
	}

	private boolean needsSudo(@Nullable String state) {
		if (state == null) {
			return false;
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(state, TokenSlot.STATE);
		return authorization != null && requestedScopes(authorization).contains(ScopeCatalogue.TOKENS_WRITE);
	}

	/** What the app asked for: the request of an authorization code flow, or the device authorization's scopes. */
	static Set<String> requestedScopes(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request != null) {
			return request.getScopes();
		}
		Set<String> deviceScopes = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
		return (deviceScopes != null) ? deviceScopes : Set.of();
	}

}
