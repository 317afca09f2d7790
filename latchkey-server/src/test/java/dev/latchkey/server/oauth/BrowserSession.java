package dev.latchkey.server.oauth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user's side of an OAuth flow over real HTTP, with cookies and without
 * following redirects, so each step can be looked at.
 */
final class BrowserSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final String base;

	BrowserSession(int port) {
		this.base = "http://localhost:" + port;
	}

	BrowserSession signIn(String username, String password) {
		String csrf = csrf(get("/login").body());
		HttpResponse<String> response = post("/login", Map.of("_csrf", csrf, "username", username, "password", password));
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens");
		return this;
	}

	HttpResponse<String> get(String pathOrUri) {
		return send(HttpRequest.newBuilder(uri(pathOrUri)).header("Accept", "text/html").GET().build());
	}

	HttpResponse<String> post(String path, Map<String, String> form) {
		return postRaw(path, form.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&")));
	}

	HttpResponse<String> postRaw(String path, String form) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
				"Expected a redirect but got " + response.statusCode() + ": " + response.body()));
	}

	static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("page has a CSRF token").isTrue();
		return matcher.group(1);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private URI uri(String pathOrUri) {
		return URI.create(pathOrUri.startsWith("http") ? pathOrUri : this.base + pathOrUri);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
