package dev.latchkey.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiredScopes} and announces the accepted scopes on the response.
 */
final class ScopeInterceptor implements HandlerInterceptor {

	static final String ACCEPTED_SCOPES_HEADER = "X-Accepted-OAuth-Scopes";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequiredScopes required = method.getMethodAnnotation(RequiredScopes.class);
		if (required == null) {
			return true;
		}
		String accepted = String.join(", ", required.value());
		response.setHeader(ACCEPTED_SCOPES_HEADER, accepted);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof ApiAuthentication token) {
			for (String scope : required.value()) {
				if (token.token().scopes().contains(scope)) {
					return true;
				}
			}
		}
		throw new InsufficientScopeException(accepted);
	}

}
