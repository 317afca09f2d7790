package dev.latchkey.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.latchkey.client.BearerChallenge;

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
		String accepted = String.join(", ", required.value());
		response.setHeader("X-Accepted-OAuth-Scopes", accepted);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal caller) {
			for (String scope : required.value()) {
				if (caller.hasScope(scope)) {
					return true;
				}
			}
		}
		response.setHeader("WWW-Authenticate", BearerChallenge.insufficientScope(accepted));
		ProblemResponses.write(response, 403, "Forbidden", "The token needs one of these scopes: " + accepted,
				"insufficient_scope");
		return false;
	}

}
