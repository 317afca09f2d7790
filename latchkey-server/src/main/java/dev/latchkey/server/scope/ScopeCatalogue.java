package dev.latchkey.server.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Every scope a token may carry: Latchkey's built-in ones followed by the platform's.
 */
@Component
public class ScopeCatalogue {

	/** Read the token owner's profile. */
	public static final String USER = "user";

	/** List one's own tokens. */
	public static final String TOKENS_READ = "tokens:read";

	/** Create, regenerate and revoke one's own tokens. */
	public static final String TOKENS_WRITE = "tokens:write";

	/** Use the admin API; only admins may grant it. */
	public static final String ADMIN = "admin";

	private static final Pattern NAME_RULE = Pattern.compile("[a-z][a-z0-9_.-]*(:[a-z][a-z0-9_.-]*)?");

	private final Map<String, ScopeDefinition> scopes;

	public ScopeCatalogue(ScopeProperties properties) {
		Map<String, ScopeDefinition> all = new LinkedHashMap<>();
		add(all, new ScopeDefinition(USER, "Read your profile"));
		add(all, new ScopeDefinition(TOKENS_READ, "List your personal access tokens"));
		add(all, new ScopeDefinition(TOKENS_WRITE, "Create, regenerate and revoke your personal access tokens"));
		add(all, new ScopeDefinition(ADMIN, "Administer Latchkey (admins only)"));
		properties.scopes().forEach((scope) -> add(all, scope));
		this.scopes = Collections.unmodifiableMap(all);
	}

	private static void add(Map<String, ScopeDefinition> all, ScopeDefinition scope) {
		if (!NAME_RULE.matcher(scope.name()).matches()) {
			throw new IllegalArgumentException("Scope name '" + scope.name()
					+ "' must be lower-case words, optionally as resource:action");
		}
		if (all.putIfAbsent(scope.name(), scope) != null) {
			throw new IllegalArgumentException("Scope '" + scope.name() + "' is defined twice");
		}
	}

	/** All scopes, built-in first, in a stable order. */
	public Collection<ScopeDefinition> all() {
		return this.scopes.values();
	}

	/** The scopes a user may put on a token: every scope, less {@code admin} for non-admins. */
	public List<ScopeDefinition> grantableBy(boolean admin) {
		List<ScopeDefinition> grantable = new ArrayList<>();
		for (ScopeDefinition scope : this.scopes.values()) {
			if (admin || !ADMIN.equals(scope.name())) {
				grantable.add(scope);
			}
		}
		return grantable;
	}

	/** Whether the name is a scope of this catalogue. */
	public boolean isKnown(String name) {
		return this.scopes.containsKey(name);
	}

	/** Whether someone with these rights may put this scope on a token. */
	public boolean isGrantable(String name, boolean admin) {
		return isKnown(name) && (admin || !ADMIN.equals(name));
	}

	/** The scopes of a set, in catalogue order, so headers and pages list them alike. */
	public List<String> inOrder(Set<String> names) {
		List<String> ordered = new ArrayList<>(names.size());
		for (String name : this.scopes.keySet()) {
			if (names.contains(name)) {
				ordered.add(name);
			}
		}
		return ordered;
	}

}
