package dev.latchkey.server.oauth;

/**
 * One scope on the consent page.
 *
 * @param name the scope
 * @param description what it allows
 */
public record ScopeChoice(String name, String description) {
}
