package dev.latchkey.server.config;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * This server's public address as clients see it: {@code latchkey.oauth.issuer} when set (behind
 * a proxy), otherwise taken from the request, as the authorization server takes it.
 */
@Component
public class Issuer {

	private final String configured;

	Issuer(@Value("${latchkey.oauth.issuer:}") String configured) {
		this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	/** The issuer URL for the request being served; configured or nothing outside a request. */
	public @Nullable String current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return of(attributes.getRequest());
		}
		return this.configured.isEmpty() ? null : this.configured;
	}

	/** The issuer URL, without a trailing slash. */
	public String of(HttpServletRequest request) {
		if (!this.configured.isEmpty()) {
			return this.configured;
		}
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
	}

}
