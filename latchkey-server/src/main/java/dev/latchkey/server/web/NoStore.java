package dev.latchkey.server.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Keeps an answer out of every cache, the browser's back button included: for answers that
 * show a secret once (a new token, a client secret) and for refusals that must not be replayed
 * from a cache.
 */
public final class NoStore {

	private static final String VALUE = CacheControl.noStore().getHeaderValue();

	private NoStore() {
	}

	/** Marks a page or a filter's answer. */
	public static void on(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, VALUE);
	}

	/** Marks an API answer. */
	public static <B extends ResponseEntity.HeadersBuilder<B>> B on(B response) {
		return response.header(HttpHeaders.CACHE_CONTROL, VALUE);
	}

}
