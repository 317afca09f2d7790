package dev.latchkey.examples.notesmcp;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.latchkey.examples.notes.Note;
import dev.latchkey.examples.notes.Notebook;
import dev.latchkey.examples.notes.NotesStore;

/**
 * The notes as MCP tools, with the notes API's rules: reading needs {@code notes:read} (or
 * {@code notes:write}), adding needs {@code notes:write}, and a fine-grained token limited to
 * selected notebooks sees and touches only those. Notebooks and notes read as the notes API
 * writes them, in its JSON (the same Jackson settings).
 */
@Component
class NotesTools {

	private static final String READ = "notes:read";

	private static final String WRITE = "notes:write";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final NotesStore store;

	private final JsonMapper json;

	NotesTools(NotesStore store, JsonMapper json) {
		this.store = store;
		this.json = json;
	}

	List<SyncToolSpecification> specifications() {
		return List.of(tool(NotesToolDefinitions.LIST_NOTEBOOKS, this::listNotebooks),
				tool(NotesToolDefinitions.READ_NOTEBOOK, this::readNotebook),
				tool(NotesToolDefinitions.ADD_NOTE, this::addNote));
	}

	private Map<String, Object> listNotebooks(Caller caller, Map<String, Object> arguments) {
		caller.requireScope(READ, WRITE);
		List<Notebook> notebooks = this.store.notebooks(caller.owner()).stream().filter(caller::sees).toList();
		return Map.of("notebooks", notebooks.stream().map(this::json).toList());
	}

	private Map<String, Object> readNotebook(Caller caller, Map<String, Object> arguments) {
		long id = notebookId(arguments);
		Notebook notebook = readable(caller, id);
		List<Note> notes = this.store.notes(caller.owner(), id);
		return Map.of("notebook", json(notebook), "notes", notes.stream().map(this::json).toList());
	}

	private Map<String, Object> addNote(Caller caller, Map<String, Object> arguments) {
		long id = notebookId(arguments);
		caller.requireNotebook(id, WRITE);
		readable(caller, id);
		// The input schema has made sure of a title with a character that isn't a space.
		String title = ((String) arguments.get("title")).strip();
		String body = (arguments.get("body") instanceof String text) ? text : "";
		return Map.of("note", json(this.store.createNote(id, title, body)));
	}

	private Notebook readable(Caller caller, long id) {
		// Someone else's notebook is as invisible as one that doesn't exist.
		Notebook notebook = this.store.notebook(caller.owner(), id)
			.orElseThrow(() -> new ToolRefusal("No such notebook: " + id + ". list_notebooks names the user's notebooks."));
		caller.requireNotebook(id, READ, WRITE);
		return notebook;
	}

	private static long notebookId(Map<String, Object> arguments) {
		// An integer, as the input schema says; JSON may bring it as any kind of number.
		return ((Number) arguments.get("notebook_id")).longValue();
	}

	private Map<String, Object> json(Object value) {
		return this.json.convertValue(value, OBJECT);
	}

	/** A refusal is a tool error for the model to read; what a tool returns is its structured content. */
	private static SyncToolSpecification tool(Tool tool, Handler handler) {
		return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
			try {
				Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
				Map<String, Object> result = handler.call(Caller.of(exchange.transportContext()), arguments);
				// The SDK adds the same as JSON text, for clients that read no structured content.
				return CallToolResult.builder().structuredContent(result).build();
			}
			catch (ToolRefusal refusal) {
				return CallToolResult.builder().isError(true).addTextContent(refusal.getMessage()).build();
			}
		}).build();
	}

	@FunctionalInterface
	private interface Handler {

		Map<String, Object> call(Caller caller, Map<String, Object> arguments);

	}

}
