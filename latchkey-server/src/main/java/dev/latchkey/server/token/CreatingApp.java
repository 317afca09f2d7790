package dev.latchkey.server.token;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth App through whose grant a personal access token was created, such as the CLI
 * with {@code tokens:write}. Such a token outlives the user's revoking the app, so the list
 * says where it came from.
 *
 * @param clientId the app's client id
 * @param name the app's name; absent once the app is deleted
 */
public record CreatingApp(String clientId, @Nullable String name) {

	/** The app's name, or its client id when it is gone. */
	public String label() {
		return (this.name != null) ? this.name : this.clientId;
	}

}
