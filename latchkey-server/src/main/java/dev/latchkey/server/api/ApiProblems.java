package dev.latchkey.server.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.latchkey.client.BearerChallenge;

/**
 * Writes the API's authentication errors: RFC 6750's {@code WWW-Authenticate} challenge
 * and an RFC 9457 problem-details body. Used where no controller is involved yet (the
 * security filters) and by the exception handler, so every path says it the same way.
 */
@Component
public class ApiProblems {

	private final JsonMapper json;

	ApiProblems(JsonMapper json) {
		this.json = json;
	}

	void writeInvalidToken(HttpServletResponse response, String description) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.invalidToken(description));
		write(response, HttpStatus.UNAUTHORIZED, description, "invalid_token");
	}

	void write(HttpServletResponse response, HttpStatus status, String detail, String error) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("error", error);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.json.writeValue(response.getOutputStream(), body);
	}

}
