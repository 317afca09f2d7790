package dev.latchkey.server.resource;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A kind of resource of the platform that a token can be limited to, as GitHub's tokens are
 * limited to selected repositories.
 *
 * @param type its name in tokens and introspection, such as {@code notebook}
 * @param title what the picker calls them, such as {@code Notebooks}; defaults from the type
 * @param scopes the scopes the limit applies to; a token with none of them ignores it
 * @param listUrl where the server lists a user's resources of this type as JSON
 * {@code [{"id": …, "name": …}]}; {@code {username}} is replaced by the user's username
 */
public record ResourceType(String type, @Nullable String title, List<String> scopes, String listUrl) {

	/** The plural the picker shows: the title, or the type with a capital and an "s". */
	public String plural() {
		if (this.title != null && !this.title.isBlank()) {
			return this.title;
		}
		return Character.toUpperCase(this.type.charAt(0)) + this.type.substring(1) + "s";
	}

	/** The plural in running text, such as "notebooks". */
	public String pluralLowerCase() {
		return plural().toLowerCase(java.util.Locale.ROOT);
	}

	/** Whether a token with these scopes is affected by a limit on this type. */
	public boolean appliesTo(java.util.Collection<String> tokenScopes) {
		return this.scopes.stream().anyMatch(tokenScopes::contains);
	}

}
