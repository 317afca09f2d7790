/**
 * An example MCP server protected by Latchkey through the Spring Boot starter: the notes of
 * {@code examples/notes-api} as tools for AI agents, behind the same {@code notes:read} and
 * {@code notes:write} scopes and fine-grained notebook tokens.
 */
@NullMarked
package dev.latchkey.examples.notesmcp;

import org.jspecify.annotations.NullMarked;
