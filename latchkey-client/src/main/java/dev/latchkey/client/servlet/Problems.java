package dev.latchkey.client.servlet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem-details bodies, as the Latchkey server writes them.
 */
final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	static void write(HttpServletResponse response, int status, String title, String detail, String error)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("error", error);
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setHeader("Cache-Control", "no-store");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

}
