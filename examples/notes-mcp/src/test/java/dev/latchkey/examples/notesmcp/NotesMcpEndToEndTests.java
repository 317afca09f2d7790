package dev.latchkey.examples.notesmcp;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * A real Latchkey server, the notes API and the notes MCP server on loopback, the two notes apps
 * on one database; the tools are called with the SDK's own MCP client, as an agent would.
 */
class NotesMcpEndToEndTests {

	private static final String PASSWORD = "correct horse battery";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static ConfigurableApplicationContext latchkey;

	private static ConfigurableApplicationContext notesApi;

	private static ConfigurableApplicationContext notesMcp;

	private static String latchkeyUrl;

	private static String notesApiUrl;

	private static String mcpOrigin;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startAll() throws Exception {
		// Latchkey checks a fine-grained token's notebooks against the notes API's list, and the MCP
		// server's resource identifier names its port: both ports are needed before anything starts.
		int notesApiPort = freePort();
		int mcpPort = freePort();
		latchkey = new SpringApplicationBuilder(LatchkeyApplication.class)
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:mcp-e2e-latchkey;DB_CLOSE_DELAY=-1",
					"--latchkey.admin.username=root", "--latchkey.admin.password=root-password-for-e2e",
					"--latchkey.resources[0].type=notebook", "--latchkey.resources[0].scopes=notes:read,notes:write",
					"--latchkey.resources[0].list-url=http://localhost:" + notesApiPort
							+ "/latchkey/notebooks?user={username}");
		latchkeyUrl = "http://localhost:" + latchkey.getEnvironment().getProperty("local.server.port");

		// One app serves both notes apps; an admin marks it a resource server.
		Account owner = latchkey.getBean(AccountService.class)
			.signUp(new SignupForm("notes-owner", "owner@example.com", PASSWORD));
		DeveloperSettings.App app = DeveloperSettings.signIn(latchkeyUrl, owner.username(), PASSWORD)
			.registerApp("Notes");
		latchkey.getBean(ResourceServers.class).mark(app.clientId(), true, null);

		String database = "--spring.datasource.url=jdbc:h2:mem:mcp-e2e-notes;DB_CLOSE_DELAY=-1";
		List<String> client = List.of("--latchkey.client.issuer-url=" + latchkeyUrl,
				"--latchkey.client.client-id=" + app.clientId(), "--latchkey.client.client-secret=" + app.clientSecret(),
				"--spring.flyway.enabled=false", database);
		notesApi = NotesApplication.builder().run(arguments("--server.port=" + notesApiPort, client));
		notesApiUrl = "http://localhost:" + notesApiPort;
		notesMcp = NotesMcpApplication.builder().run(arguments("--server.port=" + mcpPort, client));
		mcpOrigin = "http://localhost:" + mcpPort;
	}

	@AfterAll
	static void stopAll() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { notesMcp, notesApi,
				latchkey }) {
			if (context != null && context.isActive()) {
				context.close();
			}
		}
	}

	@Test
	void toolsWhenPersonalTokenThenListReadAndAddNotesOfTheSharedDatabase() throws Exception {
		String token = pat(user("writer"), "notes:read", "notes:write");
		long ideas = createNotebook(token, "Ideas");
		try (McpSyncClient mcp = client(token)) {
			InitializeResult initialized = mcp.initialize();
			assertThat(initialized.serverInfo().name()).isEqualTo("latchkey-notes");
			assertThat(initialized.capabilities().tools()).isNotNull();
			assertThat(mcp.listTools().tools()).extracting(Tool::name)
				.containsExactlyInAnyOrder("list_notebooks", "read_notebook", "add_note");

			Map<String, Object> listed = structured(call(mcp, "list_notebooks", Map.of()));
			assertThat(listed).extractingByKey("notebooks", LIST).singleElement(MAP)
				.containsEntry("id", (int) ideas)
				.containsEntry("name", "Ideas")
				.containsKey("created_at");

			Map<String, Object> added = structured(call(mcp, "add_note",
					Map.of("notebook_id", ideas, "title", " From an agent ", "body", "Written over MCP")));
			assertThat(added).extractingByKey("note", MAP)
				.containsEntry("notebook_id", (int) ideas)
				.containsEntry("title", "From an agent")
				.containsEntry("body", "Written over MCP");

			Map<String, Object> read = structured(call(mcp, "read_notebook", Map.of("notebook_id", ideas)));
			assertThat(read).extractingByKey("notebook", MAP).containsEntry("name", "Ideas");
			assertThat(read).extractingByKey("notes", LIST).singleElement(MAP).containsEntry("title", "From an agent");
		}
		// The notes API sees the note: one database.
		assertThat(notesApi("GET", "/notebooks/" + ideas + "/notes", token, null).body()).contains("From an agent");
	}

	@Test
	void mcpWhenNoTokenThenUnauthorizedPointingAtMetadataThatNamesLatchkey() throws Exception {
		HttpResponse<String> refused = this.http.send(HttpRequest.newBuilder(URI.create(mcpOrigin + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
					 "capabilities": {}, "clientInfo": {"name": "curl", "version": "1"}}}"""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		String metadataUrl = mcpOrigin + "/.well-known/oauth-protected-resource/mcp";
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer ")
			.contains("resource_metadata=\"" + metadataUrl + "\"");

		HttpResponse<String> metadata = this.http.send(HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode document = JSON.readTree(metadata.body());
		assertThat(document.get("resource").asString()).isEqualTo(mcpOrigin + "/mcp");
		assertThat(document.get("authorization_servers").values()).extracting(JsonNode::asString)
			.containsExactly(latchkeyUrl);
		assertThat(document.get("scopes_supported").values()).extracting(JsonNode::asString)
			.contains("notes:read", "notes:write");
	}

	@Test
	void addNoteWhenTokenHasOnlyReadScopeThenToolError() throws Exception {
		Account user = user("reader");
		long notebook = createNotebook(pat(user, "notes:write"), "Read only");
		try (McpSyncClient mcp = client(pat(user, "notes:read"))) {
			mcp.initialize();
			assertThat(call(mcp, "list_notebooks", Map.of()).isError()).isNotEqualTo(Boolean.TRUE);

			CallToolResult refused = call(mcp, "add_note", Map.of("notebook_id", notebook, "title", "Nope"));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).isEqualTo("The token needs one of these scopes: notes:write");
			assertThat(structured(call(mcp, "read_notebook", Map.of("notebook_id", notebook))))
				.extractingByKey("notes", LIST)
				.isEmpty();
		}
	}

	@Test
	void readNotebookWhenTokenLimitedToAnotherNotebookThenToolError() throws Exception {
		Account user = user("picker");
		String owner = pat(user, "notes:read", "notes:write");
		long work = createNotebook(owner, "Work");
		long diary = createNotebook(owner, "Diary");
		String limited = limitedPat(user, work, "notes:read", "notes:write");
		try (McpSyncClient mcp = client(limited)) {
			mcp.initialize();
			assertThat(call(mcp, "read_notebook", Map.of("notebook_id", work)).isError()).isNotEqualTo(Boolean.TRUE);

			CallToolResult refused = call(mcp, "read_notebook", Map.of("notebook_id", diary));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).contains("limited to selected notebook");
			assertThat(call(mcp, "add_note", Map.of("notebook_id", diary, "title", "Sneaked")).isError()).isTrue();
			assertThat(structured(call(mcp, "list_notebooks", Map.of()))).extractingByKey("notebooks", LIST)
				.singleElement(MAP)
				.containsEntry("name", "Work");
		}
		assertThat(notesApi("GET", "/notebooks/" + diary + "/notes", owner, null).body()).doesNotContain("Sneaked");
	}

	@Test
	void readNotebookWhenAnotherUsersThenNoSuchNotebook() throws Exception {
		long alices = createNotebook(pat(user("alice"), "notes:write"), "Private");
		try (McpSyncClient mcp = client(pat(user("bob"), "notes:read"))) {
			mcp.initialize();
			CallToolResult refused = call(mcp, "read_notebook", Map.of("notebook_id", alices));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).startsWith("No such notebook: " + alices);
		}
	}

	@Test
	void addNoteWhenTitleMissingThenToolErrorFromItsSchema() throws Exception {
		String token = pat(user("hasty"), "notes:write");
		long notebook = createNotebook(token, "Drafts");
		try (McpSyncClient mcp = client(token)) {
			mcp.initialize();
			CallToolResult refused = call(mcp, "add_note", Map.of("notebook_id", notebook, "title", "   "));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).contains("input validation failed");
		}
	}

	/** The SDK's Streamable HTTP client, sending the token with every request. */
	private McpSyncClient client(String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcpOrigin)
			.endpoint("/mcp")
			.httpRequestCustomizer(
					(request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
			.build();
		return McpClient.sync(transport).clientInfo(new Implementation("notes-mcp-tests", "1.0")).build();
	}

	private static CallToolResult call(McpSyncClient mcp, String tool, Map<String, Object> arguments) {
		return mcp.callTool(new CallToolRequest(tool, arguments));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(CallToolResult result) {
		assertThat(result.isError()).as(result.content().toString()).isNotEqualTo(Boolean.TRUE);
		assertThat(result.structuredContent()).isInstanceOf(Map.class);
		return (Map<String, Object>) result.structuredContent();
	}

	private static String text(CallToolResult result) {
		assertThat(result.content()).singleElement().isInstanceOf(TextContent.class);
		return ((TextContent) result.content().get(0)).text();
	}

	private long createNotebook(String token, String name) throws Exception {
		HttpResponse<String> created = notesApi("POST", "/notebooks", token, JSON.writeValueAsString(Map.of("name", name)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	private HttpResponse<String> notesApi(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notesApiUrl + path))
			.header("Authorization", "Bearer " + token)
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Account user(String name) {
		String unique = name + "-" + System.nanoTime() % 100000;
		return latchkey.getBean(AccountService.class).signUp(new SignupForm(unique, unique + "@example.com", PASSWORD));
	}

	private static String pat(Account user, String... scopes) {
		return issue(user, new TokenRequest("mcp-" + System.nanoTime(), null, List.of(scopes), new Expiration.InDays(7)));
	}

	/** A fine-grained token: Latchkey checks the notebook against the notes API's list first. */
	private static String limitedPat(Account user, long notebook, String... scopes) {
		return issue(user, new TokenRequest("mcp-" + System.nanoTime(), null, List.of(scopes), new Expiration.InDays(7),
				null, Map.of("notebook", List.of(String.valueOf(notebook)))));
	}

	private static String issue(Account user, TokenRequest request) {
		return latchkey.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false), request, null)
			.secret()
			.reveal();
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
