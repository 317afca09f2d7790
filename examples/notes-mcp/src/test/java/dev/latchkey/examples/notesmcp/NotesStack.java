package dev.latchkey.examples.notesmcp;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.latchkey.examples.notes.NotesApplication;
import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.oauth.ResourceServers;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Latchkey server, the notes API and the notes MCP server on loopback in this JVM, the two
 * notes apps on one database and one OAuth App, which an admin has marked a resource server
 * whose API is the MCP endpoint. Each test class starts one and closes it when done.
 */
final class NotesStack implements AutoCloseable {

	static final String PASSWORD = "correct horse battery";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext latchkey;

	private final ConfigurableApplicationContext notesApi;

	private final ConfigurableApplicationContext notesMcp;

	private final String latchkeyUrl;

	private final String notesApiUrl;

	private final String mcpOrigin;

	private final DeveloperSettings.App app;

	private NotesStack(ConfigurableApplicationContext latchkey, ConfigurableApplicationContext notesApi,
			ConfigurableApplicationContext notesMcp, String latchkeyUrl, String notesApiUrl, String mcpOrigin,
			DeveloperSettings.App app) {
		this.latchkey = latchkey;
		this.notesApi = notesApi;
		this.notesMcp = notesMcp;
		this.latchkeyUrl = latchkeyUrl;
		this.notesApiUrl = notesApiUrl;
		this.mcpOrigin = mcpOrigin;
		this.app = app;
	}

	/** Starts the three apps; {@code name} keeps this stack's in-memory databases apart from another's. */
	static NotesStack start(String name) throws Exception {
		// Latchkey checks a fine-grained token's notebooks against the notes API's list, and the MCP
		// server's resource identifier names its port: both ports are needed before anything starts.
		int notesApiPort = freePort();
		int mcpPort = freePort();
		String mcpOrigin = "http://localhost:" + mcpPort;
		ConfigurableApplicationContext latchkey = new SpringApplicationBuilder(LatchkeyApplication.class).run(
				"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + name + "-latchkey;DB_CLOSE_DELAY=-1",
				"--latchkey.admin.username=root", "--latchkey.admin.password=root-password-for-e2e",
				"--latchkey.resources[0].type=notebook", "--latchkey.resources[0].scopes=notes:read,notes:write",
				"--latchkey.resources[0].list-url=http://localhost:" + notesApiPort
						+ "/latchkey/notebooks?user={username}");
		ConfigurableApplicationContext notesApi = null;
		try {
			String latchkeyUrl = "http://localhost:" + latchkey.getEnvironment().getProperty("local.server.port");
			// One app serves both notes apps; an admin marks it a resource server whose API is the
			// MCP endpoint, so MCP clients may ask for tokens bound to it (RFC 8707).
			Account owner = latchkey.getBean(AccountService.class)
				.signUp(new SignupForm("notes-owner", "owner@example.com", PASSWORD));
			DeveloperSettings.App app = DeveloperSettings.signIn(latchkeyUrl, owner.username(), PASSWORD)
				.registerApp("Notes");
			latchkey.getBean(ResourceServers.class).mark(app.clientId(), true, mcpOrigin + "/mcp");

			List<String> client = List.of("--latchkey.client.issuer-url=" + latchkeyUrl,
					"--latchkey.client.client-id=" + app.clientId(),
					"--latchkey.client.client-secret=" + app.clientSecret(), "--spring.flyway.enabled=false",
					"--spring.datasource.url=jdbc:h2:mem:" + name + "-notes;DB_CLOSE_DELAY=-1");
			notesApi = NotesApplication.builder().run(arguments("--server.port=" + notesApiPort, client));
			ConfigurableApplicationContext notesMcp = NotesMcpApplication.builder()
				.run(arguments("--server.port=" + mcpPort, client));
			return new NotesStack(latchkey, notesApi, notesMcp, latchkeyUrl, "http://localhost:" + notesApiPort,
					mcpOrigin, app);
		}
		catch (Exception | Error ex) {
			closeAll(null, notesApi, latchkey);
			throw ex;
		}
	}

	String latchkeyUrl() {
		return this.latchkeyUrl;
	}

	String mcpOrigin() {
		return this.mcpOrigin;
	}

	/** The MCP endpoint, also its resource identifier. */
	String mcpUrl() {
		return this.mcpOrigin + "/mcp";
	}

	/** The notes apps' OAuth App, a resource server. */
	DeveloperSettings.App app() {
		return this.app;
	}

	/** A new user of Latchkey, with a name no other test uses. */
	Account user(String name) {
		String unique = name + "-" + System.nanoTime() % 100000;
		return this.latchkey.getBean(AccountService.class)
			.signUp(new SignupForm(unique, unique + "@example.com", PASSWORD));
	}

	/** A personal access token of the user's with these scopes. */
	String pat(Account user, String... scopes) {
		return issue(user, new TokenRequest("mcp-" + System.nanoTime(), null, List.of(scopes), new Expiration.InDays(7)));
	}

	/** A fine-grained token: Latchkey checks the notebook against the notes API's list first. */
	String limitedPat(Account user, long notebook, String... scopes) {
		return issue(user, new TokenRequest("mcp-" + System.nanoTime(), null, List.of(scopes), new Expiration.InDays(7),
				null, Map.of("notebook", List.of(String.valueOf(notebook)))));
	}

	/** Creates a notebook through the notes API, as its owner. */
	long createNotebook(String token, String name) throws Exception {
		HttpResponse<String> created = notesApi("POST", "/notebooks", token, JSON.writeValueAsString(Map.of("name", name)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	HttpResponse<String> notesApi(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.notesApiUrl + path))
			.header("Authorization", "Bearer " + token)
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		closeAll(this.notesMcp, this.notesApi, this.latchkey);
	}

	private String issue(Account user, TokenRequest request) {
		return this.latchkey.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false), request, null)
			.secret()
			.reveal();
	}

	private static void closeAll(ConfigurableApplicationContext... contexts) {
		for (ConfigurableApplicationContext context : contexts) {
			if (context != null && context.isActive()) {
				context.close();
			}
		}
	}

	private static String[] arguments(String first, List<String> rest) {
		return Stream.concat(Stream.of(first), rest.stream()).toArray(String[]::new);
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
