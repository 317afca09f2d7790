package dev.latchkey.server.scope;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's own scopes, added to Latchkey's built-in ones.
 *
 * @param scopes each scope's name and the description users see when they pick it
 */
@ConfigurationProperties("latchkey")
public record ScopeProperties(@DefaultValue List<ScopeDefinition> scopes) {
}
