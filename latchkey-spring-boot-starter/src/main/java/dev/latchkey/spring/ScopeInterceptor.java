package dev.latchkey.spring;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.latchkey.client.servlet.Scopes;

/**
 * Enforces {@link RequireScope}.
 */
final class ScopeInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequireScope required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireScope.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireScope.class);
		}
		if (required == null) {
			return true;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Set<String> granted = (authentication != null
				&& authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal caller)
						? caller.token().scopes() : Set.of();
		return Scopes.require(response, granted, required.value());
	}

}
