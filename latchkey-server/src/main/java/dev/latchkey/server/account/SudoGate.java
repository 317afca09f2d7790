package dev.latchkey.server.account;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one place sudo mode is enforced for pages: a handler marked {@link SudoRequired} runs
 * only within the sudo window, before any of its arguments are bound.
 */
@Configuration(proxyBeanMethods = false)
class SudoGate implements HandlerInterceptor, WebMvcConfigurer {

	private final SudoMode sudoMode;

	SudoGate(SudoMode sudoMode) {
		this.sudoMode = sudoMode;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		SudoRequired required = (handler instanceof HandlerMethod method) ? method.getMethodAnnotation(SudoRequired.class)
				: null;
		if (required == null || this.sudoMode.isActive(request.getSession())) {
			return true;
		}
		response.sendRedirect(request.getContextPath() + SudoMode.confirmUrl(continuePath(request, required)));
		return false;
	}

	private static String continuePath(HttpServletRequest request, SudoRequired required) {
		if (!required.continueTo().isEmpty()) {
			@SuppressWarnings("unchecked")
			Map<String, String> variables = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			return UriComponentsBuilder.fromPath(required.continueTo())
				.buildAndExpand((variables != null) ? variables : Map.of())
				.toUriString();
		}
		String query = request.getQueryString();
		boolean get = HttpMethod.GET.matches(request.getMethod());
		return request.getServletPath() + ((get && query != null) ? "?" + query : "");
	}

}
