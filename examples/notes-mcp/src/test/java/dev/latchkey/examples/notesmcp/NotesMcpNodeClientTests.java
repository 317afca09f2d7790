package dev.latchkey.examples.notesmcp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.latchkey.client.IntrospectionClient;
import dev.latchkey.client.TokenInfo;
import dev.latchkey.server.Browser;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript MCP SDK, run by Node, as the client of the notes MCP server: as an
 * agent that has never met Latchkey, it finds Latchkey from the server's 401, registers itself
 * and has the user sign in and approve in a real browser; as a script, it sends a personal
 * access token.
 */
class NotesMcpNodeClientTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static NotesStack stack;

	@BeforeAll
	static void startAll() throws Exception {
		stack = NotesStack.start("mcp-node");
	}

	@AfterAll
	static void stopAll() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void toolsWhenPersonalTokenInHeaderThenCalledForItsOwner() throws Exception {
		Account user = stack.user("script");
		String token = stack.pat(user, "notes:read", "notes:write");
		long notebook = stack.createNotebook(token, "Scripts");
		List<String> output;
		try (NodeClient node = NodeClient.start(stack.mcpUrl(), calls(notebook, "From a script"), token)) {
			output = node.finish();
		}

		assertThat(NodeClient.linesStartingWith(output, "HTTP ")).as("no request went without the token")
			.contains("POST " + stack.mcpUrl() + " 200")
			.noneMatch((line) -> line.endsWith(" 401"));
		assertCalled(output, notebook, "Scripts", "From a script");
		assertThat(stack.notesApi("GET", "/notebooks/" + notebook + "/notes", token, null).body())
			.contains("From a script");
	}

	@Test
	void toolsWhenSignedInWithOAuthThenDiscoveredRegisteredApprovedAndCalledForTheUser() throws Exception {
		Account user = stack.user("agent");
		String userToken = stack.pat(user, "notes:read", "notes:write");
		long notebook = stack.createNotebook(userToken, "Agent notes");
		List<String> output;
		String authorize;
		try (NodeClient node = NodeClient.start(stack.mcpUrl(), calls(notebook, "From an agent"), null)) {
			authorize = node.awaitLine("AUTHORIZE ");
			signInAndApprove(authorize, user);
			output = node.finish();
		}

		// The SDK found its way from the MCP server's 401 alone, every step a standard one.
		String latchkey = stack.latchkeyUrl();
		assertThat(NodeClient.linesStartingWith(output, "HTTP ")).containsSubsequence(
				"POST " + stack.mcpUrl() + " 401",
				"GET " + stack.mcpOrigin() + "/.well-known/oauth-protected-resource/mcp 200",
				"GET " + latchkey + "/.well-known/oauth-authorization-server 200",
				"POST " + latchkey + "/oauth2/register 201",
				"POST " + latchkey + "/oauth2/token 200",
				"POST " + stack.mcpUrl() + " 200");
		JsonNode registered = JSON.readTree(NodeClient.linesStartingWith(output, "REGISTERED ").get(0));
		assertThat(registered.get("has_secret").asBoolean()).as("a public client").isFalse();
		assertThat(registered.get("token_endpoint_auth_method").asString()).isEqualTo("none");
		String clientId = registered.get("client_id").asString();

		Map<String, String> asked = query(URI.create(authorize));
		assertThat(authorize).startsWith(latchkey + "/oauth2/authorize?");
		assertThat(asked).containsEntry("client_id", clientId)
			.containsEntry("response_type", "code")
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("resource", stack.mcpUrl())
			.containsEntry("scope", "notes:read notes:write")
			.containsKey("state");
		assertThat(asked.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
		assertThat(JSON.readTree(NodeClient.linesStartingWith(output, "CALLBACK ").get(0)).get("iss").asString())
			.as("RFC 9207").isEqualTo(latchkey);

		// The token is the user's, given to the registered client, and good at the MCP server alone.
		TokenInfo token = new IntrospectionClient(IntrospectionClient.endpointOf(URI.create(latchkey)),
				stack.app().clientId(), stack.app().clientSecret(), Duration.ofSeconds(5))
			.introspect(NodeClient.linesStartingWith(output, "TOKEN ").get(0));
		assertThat(token.active()).isTrue();
		assertThat(token.username()).isEqualTo(user.username());
		assertThat(token.clientId()).isEqualTo(clientId);
		assertThat(token.scopes()).containsExactlyInAnyOrder("notes:read", "notes:write");
		assertThat(token.audience()).as("RFC 8707").containsExactly(stack.mcpUrl());

		assertCalled(output, notebook, "Agent notes", "From an agent");
		assertThat(stack.notesApi("GET", "/notebooks/" + notebook + "/notes", userToken, null).body())
			.contains("From an agent");
	}

	/** The user, in a browser, at the URL the SDK gave: Latchkey's sign-in, then its consent page. */
	private static void signInAndApprove(String authorize, Account user) {
		ChromeDriver browser = Browser.shared();
		browser.manage().deleteAllCookies();
		browser.get(authorize);
		assertThat(browser.getCurrentUrl()).as("Latchkey asks the user to sign in").startsWith(stack.latchkeyUrl() + "/login");
		Browser.field(browser, "Username").sendKeys(user.username());
		Browser.field(browser, "Password").sendKeys(NotesStack.PASSWORD);
		Browser.clickAndWait(browser, Browser.button(browser, "Sign in"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Notes MCP Node client");
		assertThat(browser.findElement(By.cssSelector("[role=note]")).getText()).startsWith("This app registered itself.");
		Browser.screenshot(browser, "notes-mcp-node-client-consent");
		Browser.clickAndWait(browser, Browser.button(browser, "Authorize Notes MCP Node client"));
		// The browser lands on the Node client's loopback callback, which has the code.
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBe(By.tagName("h1"), "Signed in to Notes MCP"));
	}

	/** Lists the user's notebooks, then adds a note to one. */
	private static String calls(long notebook, String title) throws Exception {
		return JSON.writeValueAsString(List.of(Map.of("name", "list_notebooks", "arguments", Map.of()),
				Map.of("name", "add_note", "arguments", Map.of("notebook_id", notebook, "title", title))));
	}

	private static void assertCalled(List<String> output, long notebook, String notebookName, String title) {
		List<JsonNode> results = NodeClient.linesStartingWith(output, "RESULT ").stream().map(JSON::readTree).toList();
		assertThat(results).hasSize(2).allSatisfy((result) -> assertThat(result.path("isError").asBoolean()).isFalse());
		JsonNode listed = results.get(0).get("structuredContent").get("notebooks");
		assertThat(listed.values()).singleElement().satisfies((only) -> {
			assertThat(only.get("id").asLong()).isEqualTo(notebook);
			assertThat(only.get("name").asString()).isEqualTo(notebookName);
		});
		JsonNode note = results.get(1).get("structuredContent").get("note");
		assertThat(note.get("notebook_id").asLong()).isEqualTo(notebook);
		assertThat(note.get("title").asString()).isEqualTo(title);
	}

	private static Map<String, String> query(URI uri) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> decode(pair[0]), (pair) -> decode(pair[1])));
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
