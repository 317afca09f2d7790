package dev.latchkey.server.scope;

/**
 * A scope a token can carry.
 *
 * @param name the scope as it appears in tokens and headers, such as {@code notes:read}
 * @param description what the scope allows, in words a user understands
 */
public record ScopeDefinition(String name, String description) {
}
