package dev.latchkey.server.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.resource.Resource;
import dev.latchkey.server.resource.ResourceDirectory;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.resource.ResourceType;

/**
 * The resources a fine-grained token asks to be limited to: first the rules that need no
 * call (known type, at least one and at most {@value #MAX_SELECTED_RESOURCES}, a scope the
 * limit applies to, within the asking token's own limits), then each id checked against the
 * user's own list from the platform, which also gives the names shown later.
 */
@Component
class ResourceLimits {

	/** As many resources of one type as a token may be limited to; beyond that, "All" is the honest choice. */
	static final int MAX_SELECTED_RESOURCES = 100;

	private final ResourceDirectory resources;

	private final AccountStore accounts;

	ResourceLimits(ResourceDirectory resources, AccountStore accounts) {
		this.resources = resources;
		this.accounts = accounts;
	}

	/** The rules a resource limit must follow before the platform's lists are asked. */
	void check(Map<String, List<String>> requested, List<String> granted,
			@Nullable TokenCeiling ceiling, List<FieldProblem> problems) {
		for (Map.Entry<String, List<String>> limit : requested.entrySet()) {
			ResourceType type = this.resources.type(limit.getKey()).orElse(null);
			if (type == null) {
				problems.add(new FieldProblem("resources", "unknown",
						"There is no resource type named " + FieldProblem.quote(limit.getKey()) + "."));
				continue;
			}
			Set<String> ids = new LinkedHashSet<>(limit.getValue());
			if (ids.isEmpty()) {
				problems.add(new FieldProblem("resources", "missing",
						"Select at least one of your " + type.pluralLowerCase() + ", or choose All " + type.pluralLowerCase() + "."));
			}
			else if (ids.size() > MAX_SELECTED_RESOURCES) {
				problems.add(new FieldProblem("resources", "too_many", "A token can be limited to at most "
						+ MAX_SELECTED_RESOURCES + " " + type.pluralLowerCase() + "; choose All " + type.pluralLowerCase() + "."));
			}
			else if (!type.appliesTo(granted)) {
				problems.add(new FieldProblem("resources", "not_applicable", "Limiting " + type.pluralLowerCase()
						+ " only matters with the scope " + String.join(" or ", type.scopes()) + "; select one, or choose All "
						+ type.pluralLowerCase() + "."));
			}
		}
		if (ceiling == null) {
			return;
		}
		for (Map.Entry<String, Set<String>> limit : ceiling.resources().entrySet()) {
			List<String> wanted = requested.get(limit.getKey());
			if (wanted == null || !limit.getValue().containsAll(wanted)) {
				String plural = this.resources.type(limit.getKey()).map(ResourceType::pluralLowerCase).orElse(limit.getKey());
				problems.add(new FieldProblem("resources", "exceeds_token", "A token limited to selected " + plural
						+ " can only create tokens limited to some of those " + plural + "."));
			}
		}
	}

	/**
	 * The selection with each resource's name, from the user's lists; an id not in them is refused.
	 * @throws ResourceListUnavailableException if a list can't be had
	 */
	ResourceSelection select(long accountId, Map<String, List<String>> requested) {
		if (requested.isEmpty()) {
			return ResourceSelection.ALL;
		}
		String username = this.accounts.findById(accountId).orElseThrow(TokenNotFoundException::new).username();
		Map<String, List<Resource>> selected = new LinkedHashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (Map.Entry<String, List<String>> limit : requested.entrySet()) {
			ResourceType type = this.resources.type(limit.getKey()).orElseThrow();
			Map<String, Resource> theirs = new LinkedHashMap<>();
			this.resources.list(type, username).forEach((resource) -> theirs.put(resource.id(), resource));
			List<Resource> chosen = new ArrayList<>();
			for (String id : new LinkedHashSet<>(limit.getValue())) {
				Resource resource = theirs.get(id);
				if (resource == null) {
					problems.add(new FieldProblem("resources", "not_found",
							"You have no " + type.type() + " with the id " + FieldProblem.quote(id) + "."));
				}
				else {
					chosen.add(resource);
				}
			}
			selected.put(type.type(), chosen);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new ResourceSelection(selected);
	}

}
