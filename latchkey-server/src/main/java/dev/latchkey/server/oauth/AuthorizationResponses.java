package dev.latchkey.server.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The redirects back to an app at the end of the authorization endpoint, success or error, with
 * RFC 9207's {@code iss}: an app that talks to several authorization servers learns which one
 * answered, so a mix-up attacker can't pass one server's code off as another's. Otherwise they
 * are the authorization server's own responses.
 */
final class AuthorizationResponses {

	private AuthorizationResponses() {
	}

	/** The code and state, to the app's callback. */
	static void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
		redirect(response, uri, result.getState());
	}

	/** The error, to the app's callback once that is known to be the app's; otherwise a plain {@code 400}. */
	static void failure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		var failure = (OAuth2AuthorizationCodeRequestAuthenticationException) exception;
		OAuth2Error error = failure.getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken attempt = failure.getAuthorizationCodeRequestAuthentication();
		if (attempt == null || attempt.getRedirectUri() == null || attempt.getRedirectUri().isBlank()) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (error.getDescription() != null && !error.getDescription().isBlank()) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encoded(error.getDescription()));
		}
		redirect(response, uri, attempt.getState());
	}

	private static void redirect(HttpServletResponse response, UriComponentsBuilder uri, @Nullable String state)
			throws IOException {
		if (state != null && !state.isBlank()) {
			uri.queryParam(OAuth2ParameterNames.STATE, encoded(state));
		}
		uri.queryParam("iss", encoded(AuthorizationServerContextHolder.getContext().getIssuer()));
		response.sendRedirect(uri.build(true).toUriString());
	}

	private static String encoded(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
