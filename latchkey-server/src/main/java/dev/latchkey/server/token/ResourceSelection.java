package dev.latchkey.server.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.latchkey.server.resource.Resource;

/**
 * The resources a fine-grained token is limited to, by type: a type it names is limited to
 * the resources listed ("Only select notebooks"); a type it doesn't name is not limited
 * ("All notebooks"). Stored as JSON in the token's row.
 *
 * @param byType the selected resources of each limited type, with their names for display
 */
public record ResourceSelection(Map<String, List<Resource>> byType) {

	/** A token limited to nothing: every resource of every type. */
	public static final ResourceSelection ALL = new ResourceSelection(Map.of());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, List<Resource>>> SHAPE = new TypeReference<>() {
	};

	public ResourceSelection {
		Map<String, List<Resource>> copy = new LinkedHashMap<>();
		byType.forEach((type, resources) -> copy.put(type, List.copyOf(resources)));
		byType = Collections.unmodifiableMap(copy);
	}

	public boolean isAll() {
		return this.byType.isEmpty();
	}

	/** The selected ids of each limited type, as introspection and the hot path carry them. */
	public Map<String, Set<String>> ids() {
		if (isAll()) {
			// Most tokens: the shared empty map, not a new one held by every cached token.
			return Map.of();
		}
		Map<String, Set<String>> ids = new LinkedHashMap<>();
		this.byType.forEach((type, resources) -> {
			Set<String> selected = new LinkedHashSet<>();
			resources.forEach((resource) -> selected.add(resource.id()));
			ids.put(type, Collections.unmodifiableSet(selected));
		});
		return Collections.unmodifiableMap(ids);
	}

	/** The stored form; null for a token limited to nothing. */
	@Nullable String toJson() {
		return isAll() ? null : JSON.writeValueAsString(this.byType);
	}

	/** Reads the stored form; one that can't be read fails loudly, for a limit must never become no limit. */
	static ResourceSelection fromJson(@Nullable String json) {
		if (json == null) {
			return ALL;
		}
		try {
			return new ResourceSelection(JSON.readValue(json, SHAPE));
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("A token's stored resource selection is unreadable", ex);
		}
	}

}
