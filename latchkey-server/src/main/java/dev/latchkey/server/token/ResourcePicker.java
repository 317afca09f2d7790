package dev.latchkey.server.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

import dev.latchkey.server.resource.Resource;
import dev.latchkey.server.resource.ResourceDirectory;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.resource.ResourceType;

/**
 * One resource type's "All" or "Only select" choice on the "Generate new token" page, as
 * GitHub's repository picker. The form sends {@code <type>-access} ({@code all} or
 * {@code selected}) and a {@code <type>-ids} value per ticked resource.
 *
 * @param type the resource type
 * @param resources the user's resources of the type; empty when they couldn't be had
 * @param error why they couldn't be had, for the page; absent when they were listed
 * @param limited whether "Only select" is chosen
 * @param selected the ticked ids
 */
record ResourcePicker(ResourceType type, List<Resource> resources, @Nullable String error, boolean limited,
		List<String> selected) {

	/** The pickers for a user, with their earlier choices ticked; a list that can't be had says so. */
	static List<ResourcePicker> forUser(ResourceDirectory directory, String username, Map<String, List<String>> chosen) {
		List<ResourcePicker> pickers = new ArrayList<>();
		for (ResourceType type : directory.types()) {
			List<String> selected = chosen.getOrDefault(type.type(), List.of());
			try {
				pickers.add(new ResourcePicker(type, directory.list(type, username), null,
						chosen.containsKey(type.type()), selected));
			}
			catch (ResourceListUnavailableException ex) {
				pickers.add(new ResourcePicker(type, List.of(), ex.getMessage(), false, selected));
			}
		}
		return pickers;
	}

	/** What the form chose: the ticked ids of each type set to "Only select". */
	static Map<String, List<String>> choices(ResourceDirectory directory, MultiValueMap<String, String> form) {
		Map<String, List<String>> chosen = new LinkedHashMap<>();
		for (ResourceType type : directory.types()) {
			if ("selected".equals(form.getFirst(type.type() + "-access"))) {
				List<String> ids = form.get(type.type() + "-ids");
				chosen.put(type.type(), (ids != null) ? List.copyOf(ids) : List.of());
			}
		}
		return chosen;
	}

	public String name() {
		return this.type.type();
	}

	public boolean isSelected(String id) {
		return this.selected.contains(id);
	}

}
