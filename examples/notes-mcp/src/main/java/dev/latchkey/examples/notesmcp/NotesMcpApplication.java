package dev.latchkey.examples.notesmcp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

import dev.latchkey.examples.notes.NotesStore;

/**
 * The notes MCP server. It uses the notes API's store, not its controller, so with the notes
 * API's {@code spring.datasource.url} both serve the same notebooks. Its configuration is
 * {@code notes-mcp.yml}, so it can run beside a Latchkey server and the notes API in one JVM (as
 * its end-to-end tests do) without reading their settings.
 */
@SpringBootApplication
@Import(NotesStore.class)
public class NotesMcpApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(NotesMcpApplication.class).properties("spring.config.name=notes-mcp");
	}

}
