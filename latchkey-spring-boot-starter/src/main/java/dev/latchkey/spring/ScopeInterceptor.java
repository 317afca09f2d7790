package dev.latchkey.spring;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Each handler's annotation, looked up once: the merged lookup is too slow for every request.
	 * Keyed by controller class too, as an inherited method takes the class's annotation.
	 */
	private final Map<Handler, Optional<RequireScope>> byHandler = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Handler key = new Handler(method.getBeanType(), method.getMethod());
		Optional<RequireScope> found = this.byHandler.get(key);
		if (found == null) {
			found = this.byHandler.computeIfAbsent(key, (absent) -> Optional.ofNullable(lookUp(method)));
		}
		if (found.isEmpty()) {
			return true;
		}
		RequireScope required = found.get();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Set<String> granted = (authentication != null
				&& authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal caller)
						? caller.token().scopes() : Set.of();
		return Scopes.require(response, granted, required.value());
	}

	private static @Nullable RequireScope lookUp(HandlerMethod method) {
		RequireScope required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireScope.class);
		return (required != null) ? required
				: AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireScope.class);
	}

	private record Handler(Class<?> beanType, Method method) {
	}

}
