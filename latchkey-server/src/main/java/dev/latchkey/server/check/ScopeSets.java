package dev.latchkey.server.check;

import java.util.Arrays;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Scope lists as stored ({@code "user notes:read"}) read into sets. A platform has a handful
 * of distinct lists and the token cache holds up to 100,000 tokens, so each distinct list is
 * read once and its set shared, not copied into every cached token.
 */
public final class ScopeSets {

	/** Bounded, as the lists come from the database; far more than any platform's combinations. */
	private static final Cache<String, Set<String>> READ = Caffeine.newBuilder().maximumSize(10_000).build();

	private ScopeSets() {
	}

	/** The scopes of a space-separated list, each once; none for a blank or absent list. */
	public static Set<String> of(@Nullable String spaceSeparated) {
		if (spaceSeparated == null || spaceSeparated.isBlank()) {
			return Set.of();
		}
		return READ.get(spaceSeparated, (list) -> Set.copyOf(Arrays.asList(list.split(" "))));
	}

}
