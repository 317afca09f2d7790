package dev.latchkey.examples.notesmcp;

import java.util.Objects;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP endpoint: the SDK's Streamable HTTP transport, a plain servlet at {@code /mcp}, behind
 * the starter's security filter chain like every other path. A request without a valid token
 * never reaches it: it gets the starter's {@code 401}, whose challenge points MCP clients at this
 * server's protected-resource metadata and so at Latchkey.
 */
@Configuration(proxyBeanMethods = false)
class NotesMcpServer {

	static final String PATH = "/mcp";

	@Bean
	HttpServletStreamableServerTransportProvider mcpTransport() {
		return HttpServletStreamableServerTransportProvider.builder()
			.mcpEndpoint(PATH)
			.contextExtractor(Caller::context)
			.build();
	}

	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider transport) {
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> servlet = new ServletRegistrationBean<>(
				transport, PATH);
		// Answers stream as server-sent events, written after the request's thread has moved on.
		servlet.setAsyncSupported(true);
		return servlet;
	}

	@Bean(destroyMethod = "closeGracefully")
	McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, NotesTools tools) {
		return McpServer.sync(transport)
			.serverInfo("latchkey-notes", version())
			.instructions("The user's notebooks and notes. Start with list_notebooks for the notebooks' ids.")
			.capabilities(ServerCapabilities.builder().tools(false).build())
			// The tools' input schemas are their rules; the handlers count on them.
			.validateToolInputs(true)
			.tools(tools.specifications())
			.build();
	}

	/** The jar's version; none when run from classes, as in tests. */
	private static String version() {
		return Objects.requireNonNullElse(NotesMcpServer.class.getPackage().getImplementationVersion(), "development");
	}

}
