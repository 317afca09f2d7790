package dev.latchkey.server.ratelimit;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;

import dev.latchkey.server.web.NoStore;

/**
 * The "Too many attempts" page that a throttled door answers with {@code 429} and
 * {@code Retry-After}. Doors that are filters, in front of any controller, render it here.
 */
@Component
public class TooManyAttemptsPage {

	/** The page's template. */
	public static final String VIEW = "too-many-attempts";

	private final ThymeleafViewResolver views;

	TooManyAttemptsPage(ThymeleafViewResolver views) {
		this.views = views;
	}

	/** Sets the status and {@code Retry-After}; returns the page's model, for a controller to render {@link #VIEW}. */
	public static Map<String, Object> prepare(AttemptThrottle.Refusal refusal, HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfter().toSeconds()));
		NoStore.on(response);
		return Map.of("minutes", refusal.minutes());
	}

	/** Answers the request with the page. */
	public void render(AttemptThrottle.Refusal refusal, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		Map<String, Object> model = prepare(refusal, response);
		try {
			View view = this.views.resolveViewName(VIEW, Locale.ROOT);
			if (view == null) {
				throw new IllegalStateException("No template " + VIEW);
			}
			view.render(model, request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
	}

}
