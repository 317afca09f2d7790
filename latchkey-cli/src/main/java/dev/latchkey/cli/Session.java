package dev.latchkey.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to one Latchkey host: the REST API with the user's token, renewing an OAuth login
 * with its refresh token when it has run out, and the OAuth endpoints of the device flow.
 * Every failure becomes a one-line {@link CliException} with its exit code.
 */
final class Session {

	static final String CLIENT_ID = "latchkey-cli";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String host;

	private final Hosts hosts;

	private final @Nullable String envToken;

	Session(String host, Hosts hosts, @Nullable String envToken) {
		this.host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
		this.hosts = hosts;
		this.envToken = envToken;
	}

	String host() {
		return this.host;
	}

	/** Calls the API with the user's token; a {@code 401} renews an OAuth login once. */
	Answer api(String method, String path, @Nullable String json) {
		String token = token();
		Answer answer = send(method, path, json, token);
		if (answer.status() == 401 && this.envToken == null && renew()) {
			answer = send(method, path, json, token());
		}
		return answer;
	}

	/** Like {@link #api}, but a non-2xx answer is a failure. */
	JsonNode apiJson(String method, String path, @Nullable String json) {
		Answer answer = api(method, path, json);
		answer.requireSuccess();
		return (answer.body().isBlank()) ? JSON.nullNode() : JSON.readTree(answer.body());
	}

	String token() {
		if (this.envToken != null && !this.envToken.isBlank()) {
			return this.envToken;
		}
		return this.hosts.get(this.host)
			.map(Hosts.Login::token)
			.orElseThrow(() -> new CliException(ExitCodes.AUTHENTICATION,
					"You are not logged in to " + this.host + ". Run: latchkey auth login --host " + this.host));
	}

	/** Posts a form to an OAuth endpoint as the CLI's public client; answers with any status. */
	Answer oauth(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.host + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return exchange(request);
	}

	private boolean renew() {
		Hosts.Login login = this.hosts.get(this.host).orElse(null);
		if (login == null || login.refreshToken() == null) {
			return false;
		}
		Answer answer = oauth("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token",
				login.refreshToken(), "client_id", CLIENT_ID));
		if (answer.status() != 200) {
			throw new CliException(ExitCodes.AUTHENTICATION,
					"Your login to " + this.host + " has expired. Run: latchkey auth login --host " + this.host);
		}
		JsonNode tokens = JSON.readTree(answer.body());
		this.hosts.put(this.host, new Hosts.Login(login.user(), tokens.get("access_token").asString(),
				tokens.path("refresh_token").asString(login.refreshToken()),
				System.currentTimeMillis() / 1000 + tokens.path("expires_in").asLong(0)));
		return true;
	}

	private Answer send(String method, String path, @Nullable String json, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.host + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return exchange(request.build());
	}

	private Answer exchange(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers().map(), this.host);
		}
		catch (ConnectException ex) {
			throw new CliException(ExitCodes.UNREACHABLE, "Can't reach " + this.host + ": connection refused", ex);
		}
		catch (HttpTimeoutException ex) {
			throw new CliException(ExitCodes.UNREACHABLE, "Can't reach " + this.host + ": timed out", ex);
		}
		catch (IOException ex) {
			throw new CliException(ExitCodes.UNREACHABLE, "Can't reach " + this.host + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCodes.FAILED, "Interrupted", ex);
		}
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status its status
	 * @param body its body
	 * @param headers its headers
	 * @param host the host that gave it
	 */
	record Answer(int status, String body, Map<String, java.util.List<String>> headers, String host) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		@Nullable String header(String name) {
			for (Map.Entry<String, java.util.List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

		/** Turns an error answer into the one line the user needs. */
		void requireSuccess() {
			if (ok()) {
				return;
			}
			String detail = detail();
			if (this.status == 401) {
				throw new CliException(ExitCodes.AUTHENTICATION, "Authentication failed for " + this.host + ": " + detail
						+ " Run: latchkey auth login --host " + this.host);
			}
			if (this.status == 403 && header("X-Accepted-OAuth-Scopes") != null) {
				throw new CliException(ExitCodes.DENIED,
						"Your token lacks the scope this needs: " + header("X-Accepted-OAuth-Scopes") + ".");
			}
			throw new CliException(ExitCodes.FAILED, "HTTP " + this.status + ": " + detail);
		}

		private String detail() {
			try {
				JsonNode json = JSON.readTree(this.body);
				if (json.has("errors") && json.get("errors").size() > 0) {
					return json.get("errors").get(0).path("message").asString();
				}
				if (json.has("detail")) {
					return json.get("detail").asString();
				}
				if (json.has("error_description")) {
					return json.get("error_description").asString();
				}
			}
			catch (RuntimeException ex) {
				// Not JSON: fall back to the status alone.
			}
			return "the server said no.";
		}

	}

}
