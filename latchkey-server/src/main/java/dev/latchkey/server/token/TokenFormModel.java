package dev.latchkey.server.token;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import dev.latchkey.server.resource.ResourceDirectory;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.web.SignedInUser;

/**
 * What the token form ({@code token/new}) shows, for a personal token and a sanctioned one
 * alike: the scopes the user may grant, a resource picker per resource type, the first date
 * a custom expiry may take.
 */
@Component
public class TokenFormModel {

	private final ScopeCatalogue scopes;

	private final ResourceDirectory resources;

	private final Clock clock;

	TokenFormModel(ScopeCatalogue scopes, ResourceDirectory resources, Clock clock) {
		this.scopes = scopes;
		this.resources = resources;
		this.clock = clock;
	}

	public void fill(Model model, SignedInUser user, TokenForm form, Map<String, List<String>> chosen) {
		model.addAttribute("form", form);
		model.addAttribute("scopes", this.scopes.grantableBy(user.admin()));
		model.addAttribute("pickers", ResourcePicker.forUser(this.resources, user.getUsername(), chosen));
		model.addAttribute("minDate", tomorrow());
	}

	/** The resources the submitted form limits the token to. */
	public Map<String, List<String>> chosen(org.springframework.util.MultiValueMap<String, String> fields) {
		return ResourcePicker.choices(this.resources, fields);
	}

	String tomorrow() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).plusDays(1).toString();
	}

}
