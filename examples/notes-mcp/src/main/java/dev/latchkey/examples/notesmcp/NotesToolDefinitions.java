package dev.latchkey.examples.notesmcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/**
 * What an agent's model sees of the notes tools: names, descriptions and JSON schemas. The input
 * schemas are the rules, too: the SDK refuses a call that breaks them before a handler runs, and
 * the limits are the notes table's.
 */
final class NotesToolDefinitions {

	private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();

	private static final String NOTEBOOK = """
			{"type": "object", "required": ["id", "name", "created_at"],
			 "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
			                "created_at": {"type": "string", "format": "date-time"}}}""";

	private static final String NOTE = """
			{"type": "object", "required": ["id", "notebook_id", "title", "body", "updated_at"],
			 "properties": {"id": {"type": "integer"}, "notebook_id": {"type": "integer"},
			                "title": {"type": "string"}, "body": {"type": "string"},
			                "updated_at": {"type": "string", "format": "date-time"}}}""";

	private static final String NOTEBOOK_ID = """
			"notebook_id": {"type": "integer", "description": "The notebook's id, from list_notebooks."}""";

	static final Tool LIST_NOTEBOOKS = Tool.builder()
		.name("list_notebooks")
		.title("List notebooks")
		.description("Lists the user's notebooks (those the token may see). Needs notes:read or notes:write.")
		.inputSchema(JSON, """
				{"type": "object", "properties": {}, "additionalProperties": false}""")
		.outputSchema(JSON, """
				{"type": "object", "required": ["notebooks"],
				 "properties": {"notebooks": {"type": "array", "items": %s}}}""".formatted(NOTEBOOK))
		.annotations(reading())
		.build();

	static final Tool READ_NOTEBOOK = Tool.builder()
		.name("read_notebook")
		.title("Read a notebook")
		.description("Reads one of the user's notebooks and all its notes. Needs notes:read or notes:write.")
		.inputSchema(JSON, """
				{"type": "object", "required": ["notebook_id"], "properties": {%s},
				 "additionalProperties": false}""".formatted(NOTEBOOK_ID))
		.outputSchema(JSON, """
				{"type": "object", "required": ["notebook", "notes"],
				 "properties": {"notebook": %s, "notes": {"type": "array", "items": %s}}}""".formatted(NOTEBOOK, NOTE))
		.annotations(reading())
		.build();

	static final Tool ADD_NOTE = Tool.builder()
		.name("add_note")
		.title("Add a note")
		.description("Adds a note to one of the user's notebooks. Needs notes:write.")
		.inputSchema(JSON, """
				{"type": "object", "required": ["notebook_id", "title"],
				 "properties": {%s,
				                "title": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
				                          "description": "The note's title."},
				                "body": {"type": "string", "maxLength": 20000, "description": "The note's text."}},
				 "additionalProperties": false}""".formatted(NOTEBOOK_ID))
		.outputSchema(JSON, """
				{"type": "object", "required": ["note"], "properties": {"note": %s}}""".formatted(NOTE))
		.annotations(ToolAnnotations.builder()
			.readOnlyHint(false)
			.destructiveHint(false)
			.idempotentHint(false)
			.openWorldHint(false)
			.build())
		.build();

	private NotesToolDefinitions() {
	}

	/** The notes are a closed world: the tools reach nothing beyond them. */
	private static ToolAnnotations reading() {
		return ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).openWorldHint(false).build();
	}

}
