package dev.latchkey.examples.notesmcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

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

import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * A real Latchkey server, the notes API and the notes MCP server on loopback, the two notes apps
 * on one database; the tools are called with the SDK's own MCP client, as an agent would.
 */
class NotesMcpEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static NotesStack stack;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startAll() throws Exception {
		stack = NotesStack.start("mcp-e2e");
	}

	@AfterAll
	static void stopAll() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void toolsWhenPersonalTokenThenListReadAndAddNotesOfTheSharedDatabase() throws Exception {
		String token = stack.pat(stack.user("writer"), "notes:read", "notes:write");
		long ideas = stack.createNotebook(token, "Ideas");
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
		assertThat(stack.notesApi("GET", "/notebooks/" + ideas + "/notes", token, null).body()).contains("From an agent");
	}

	@Test
	void mcpWhenNoTokenThenUnauthorizedPointingAtMetadataThatNamesLatchkey() throws Exception {
		HttpResponse<String> refused = this.http.send(HttpRequest.newBuilder(URI.create(stack.mcpUrl()))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
					 "capabilities": {}, "clientInfo": {"name": "curl", "version": "1"}}}"""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		String metadataUrl = stack.mcpOrigin() + "/.well-known/oauth-protected-resource/mcp";
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer ")
			.contains("resource_metadata=\"" + metadataUrl + "\"");

		HttpResponse<String> metadata = this.http.send(HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode document = JSON.readTree(metadata.body());
		assertThat(document.get("resource").asString()).isEqualTo(stack.mcpUrl());
		assertThat(document.get("authorization_servers").values()).extracting(JsonNode::asString)
			.containsExactly(stack.latchkeyUrl());
		assertThat(document.get("scopes_supported").values()).extracting(JsonNode::asString)
			.contains("notes:read", "notes:write");
	}

	@Test
	void addNoteWhenTokenHasOnlyReadScopeThenToolError() throws Exception {
		Account user = stack.user("reader");
		long notebook = stack.createNotebook(stack.pat(user, "notes:write"), "Read only");
		try (McpSyncClient mcp = client(stack.pat(user, "notes:read"))) {
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
		Account user = stack.user("picker");
		String owner = stack.pat(user, "notes:read", "notes:write");
		long work = stack.createNotebook(owner, "Work");
		long diary = stack.createNotebook(owner, "Diary");
		String limited = stack.limitedPat(user, work, "notes:read", "notes:write");
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
		assertThat(stack.notesApi("GET", "/notebooks/" + diary + "/notes", owner, null).body()).doesNotContain("Sneaked");
	}

	@Test
	void readNotebookWhenAnotherUsersThenNoSuchNotebook() throws Exception {
		long alices = stack.createNotebook(stack.pat(stack.user("alice"), "notes:write"), "Private");
		try (McpSyncClient mcp = client(stack.pat(stack.user("bob"), "notes:read"))) {
			mcp.initialize();
			CallToolResult refused = call(mcp, "read_notebook", Map.of("notebook_id", alices));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).startsWith("No such notebook: " + alices);
		}
	}

	@Test
	void addNoteWhenTitleMissingThenToolErrorFromItsSchema() throws Exception {
		String token = stack.pat(stack.user("hasty"), "notes:write");
		long notebook = stack.createNotebook(token, "Drafts");
		try (McpSyncClient mcp = client(token)) {
			mcp.initialize();
			CallToolResult refused = call(mcp, "add_note", Map.of("notebook_id", notebook, "title", "   "));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).contains("input validation failed");
		}
	}

	/** The SDK's Streamable HTTP client, sending the token with every request. */
	private McpSyncClient client(String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(stack.mcpOrigin())
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

}
