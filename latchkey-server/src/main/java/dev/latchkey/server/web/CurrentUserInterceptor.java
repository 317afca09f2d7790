package dev.latchkey.server.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * Gives every page the signed-in username, and whether they are an admin, for its header. An interceptor that looks at
 * the rendered model rather than a {@code @ModelAttribute} advice: an advice runs for the
 * JSON API's controllers too ({@code @RestController} is a {@code @Controller}), which
 * costs every API request a model for nothing.
 * <p>
 * Never on a redirect: a redirect view turns every simple model attribute into a query
 * parameter, which would put the username into the {@code Location} header, then into
 * browser history, access logs and {@code Referer}.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		if (page != null && !page.wasCleared() && !isRedirect(page)) {
			Principal principal = request.getUserPrincipal();
			page.addObject("currentUser", (principal != null) ? principal.getName() : null);
			page.addObject("currentUserAdmin", principal != null && request.isUserInRole("ADMIN"));
		}
	}

	private static boolean isRedirect(ModelAndView page) {
		String name = page.getViewName();
		if (name != null) {
			return name.startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX);
		}
		return page.getView() instanceof SmartView view && view.isRedirectView();
	}

}
