package dev.latchkey.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import dev.latchkey.server.resource.Resource;

/**
 * The platform's notebook list, as a real HTTP server on a free port: the test context's
 * {@code latchkey.resources} point at it. Tests give users notebooks, or make it fail, and
 * read which credentials the Latchkey server called it with.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestResourceServer {

	@Bean(destroyMethod = "stop")
	NotebookList notebookList() throws IOException {
		return new NotebookList();
	}

	@Bean
	DynamicPropertyRegistrar notebookListUrl(NotebookList list) {
		// A list property comes whole from one source, so every field of the element is given here.
		return (registry) -> {
			registry.add("latchkey.resources[0].type", () -> "notebook");
			registry.add("latchkey.resources[0].scopes[0]", () -> "notes:read");
			registry.add("latchkey.resources[0].scopes[1]", () -> "notes:write");
			registry.add("latchkey.resources[0].list-url", () -> list.url() + "?user={username}");
		};
	}

	/** What the list answers. */
	public enum Answer {

		/** Each user's notebooks. */
		LISTS,
		/** {@code 500}. */
		SERVER_ERROR,
		/** {@code 200} with HTML instead of JSON. */
		GARBAGE

	}

	/** The running list server. */
	public static final class NotebookList {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final HttpServer server;

		private final Map<String, List<Resource>> notebooks = new ConcurrentHashMap<>();

		private volatile Answer answer = Answer.LISTS;

		private volatile @Nullable String lastAuthorization;

		private volatile @Nullable String lastUser;

		NotebookList() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/notebooks", this::answer);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/notebooks";
		}

		/** Gives a user these notebooks. */
		public void give(String username, Resource... notebooks) {
			this.notebooks.put(username, List.of(notebooks));
		}

		public void answerWith(Answer answer) {
			this.answer = answer;
		}

		/** The Authorization header of the last call, or null before any since {@link #forget()}. */
		public @Nullable String lastAuthorization() {
			return this.lastAuthorization;
		}

		/** Whose notebooks the last call asked for, or null before any since {@link #forget()}. */
		public @Nullable String lastUser() {
			return this.lastUser;
		}

		/** Forgets the calls so far and answers lists again. */
		public void forget() {
			this.lastAuthorization = null;
			this.lastUser = null;
			this.answer = Answer.LISTS;
		}

		void stop() {
			this.server.stop(0);
		}

		private void answer(HttpExchange exchange) throws IOException {
			this.lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
			String query = exchange.getRequestURI().getRawQuery();
			String user = (query != null && query.startsWith("user="))
					? URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8) : "";
			this.lastUser = user;
			switch (this.answer) {
				case LISTS -> send(exchange, 200, JSON.writeValueAsString(this.notebooks.getOrDefault(user, List.of())));
				case SERVER_ERROR -> send(exchange, 500, "{\"error\":\"boom\"}");
				case GARBAGE -> send(exchange, 200, "<html>maintenance</html>");
			}
		}

		private static void send(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
