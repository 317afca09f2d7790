package dev.latchkey.server.oauth;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth App as admins list it.
 *
 * @param app the app
 * @param owner its owner's username; absent for Latchkey's own apps
 */
public record OwnedApp(OAuthApp app, @Nullable String owner) {
}
