package dev.latchkey.server.twofactor;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.web.RelativeTime;
import dev.latchkey.server.web.SignedInUser;

/**
 * Enforces {@link TwoFactorPolicy}: in the grace period every page carries a banner; after it,
 * every page but those that set two-factor up sends the user there, and the API refuses to
 * create or regenerate their tokens. Only pages and token creation pay its query; the token
 * check of every other API call doesn't.
 */
@Configuration(proxyBeanMethods = false)
class TwoFactorRequirementGate implements HandlerInterceptor, WebMvcConfigurer {

	private static final String DEADLINE = TwoFactorRequirementGate.class.getName() + ".DEADLINE";

	/** Where a user who must set up two-factor may still go. */
	private static final Set<String> OPEN_PREFIXES = Set.of("/settings/security", "/sudo", "/logout", "/login",
			"/error", "/verify_email/", "/settings/emails");

	private final TwoFactorPolicy policy;

	TwoFactorRequirementGate(TwoFactorPolicy policy) {
		this.policy = policy;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!(handler instanceof HandlerMethod)) {
			return true;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Object principal = (authentication != null) ? authentication.getPrincipal() : null;
		if (principal instanceof SignedInUser user) {
			return page(user, request, response);
		}
		if (principal instanceof ActiveToken token && token.accountId() != null && createsToken(request)) {
			return api(token, response);
		}
		return true;
	}

	private boolean page(SignedInUser user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		TwoFactorPolicy.Standing standing = this.policy.standing(user.accountId(), user.admin());
		if (standing instanceof TwoFactorPolicy.Standing.Grace grace) {
			request.setAttribute(DEADLINE, RelativeTime.date(grace.deadline()));
			return true;
		}
		if (standing instanceof TwoFactorPolicy.Standing.Required && !open(request.getServletPath())) {
			response.sendRedirect(request.getContextPath() + "/settings/security?required");
			return false;
		}
		return true;
	}

	private boolean api(ActiveToken token, HttpServletResponse response) throws IOException {
		if (!(this.policy.standing(token.accountId(), token.admin()) instanceof TwoFactorPolicy.Standing.Required)) {
			return true;
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("""
					{"type":"about:blank","title":"Forbidden","status":403,"code":"two_factor_required",\
					"detail":"Two-factor authentication is required of this account. Set it up at /settings/security to create tokens."}""");
		return false;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		Object deadline = request.getAttribute(DEADLINE);
		if (deadline != null && page != null && page.getViewName() != null && !page.getViewName().startsWith("redirect:")) {
			page.addObject("twoFactorDeadline", deadline);
		}
	}

	private static boolean createsToken(HttpServletRequest request) {
		String path = request.getServletPath();
		return "POST".equals(request.getMethod())
				&& (path.equals("/api/v1/user/tokens") || path.matches("/api/v1/user/tokens/[^/]+/regenerate"));
	}

	private static boolean open(String path) {
		return OPEN_PREFIXES.stream().anyMatch(path::startsWith);
	}

}
