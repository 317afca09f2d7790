package dev.latchkey.server.oauth;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One granted app.
 *
 * @param clientId its client id
 * @param name its name
 * @param homepageUrl its homepage
 * @param scopes what the user granted it
 * @param lastUsed when any of its tokens was last used
 */
public record AuthorizedApp(String clientId, String name, @Nullable String homepageUrl, List<String> scopes,
		String lastUsed) {
}
