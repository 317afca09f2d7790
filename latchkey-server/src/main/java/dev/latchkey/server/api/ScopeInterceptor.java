package dev.latchkey.server.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * Enforces {@link RequiredScopes} and announces the accepted scopes on the response. A token
 * let in by its {@code admin} scope must also belong to a user who is an admin now, not only
 * when the token was made.
 */
final class ScopeInterceptor implements HandlerInterceptor {

	static final String ACCEPTED_SCOPES_HEADER = "X-Accepted-OAuth-Scopes";

	/** No scope needed. */
	private static final Required NONE = new Required(new String[0], "");

	/**
	 * Each handler's scopes, read once. Spring's own annotation lookup goes through a
	 * {@code computeIfAbsent} that locks on every call, and every API request queued on it.
	 */
	private final Map<Method, Required> byHandler = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Required required = this.byHandler.get(method.getMethod());
		if (required == null) {
			required = this.byHandler.computeIfAbsent(method.getMethod(), (key) -> Required.of(method));
		}
		if (required == NONE) {
			return true;
		}
		response.setHeader(ACCEPTED_SCOPES_HEADER, required.header());
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof ApiAuthentication token) {
			for (String scope : required.scopes()) {
				if (token.token().scopes().contains(scope)) {
					if (ScopeCatalogue.ADMIN.equals(scope) && !token.token().admin()) {
						throw new AccessDeniedException("Only admins can do this.");
					}
					return true;
				}
			}
		}
		throw new InsufficientScopeException(required.header());
	}

	/**
	 * A handler's accepted scopes.
	 *
	 * @param scopes any one of them will do
	 * @param header them, as {@value #ACCEPTED_SCOPES_HEADER} lists them
	 */
	private record Required(String[] scopes, String header) {

		static Required of(HandlerMethod method) {
			RequiredScopes annotation = method.getMethodAnnotation(RequiredScopes.class);
			return (annotation != null) ? new Required(annotation.value(), String.join(", ", annotation.value())) : NONE;
		}

	}

}
