package dev.latchkey.server.admin;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.oauth.AppNotFoundException;
import dev.latchkey.server.oauth.ClientRegistrationSettings;
import dev.latchkey.server.oauth.OwnedApp;
import dev.latchkey.server.oauth.ResourceServers;
import dev.latchkey.server.web.SignedInUser;

/**
 * The admin pages of OAuth Apps (only for admins, see the page security): find an app, and
 * tick "Resource server" for the one the platform's API checks tokens with.
 */
@Controller
class AdminAppsController {

	private static final int PAGE = 50;

	private final ResourceServers resourceServers;

	private final ClientRegistrationSettings registration;

	AdminAppsController(ResourceServers resourceServers, ClientRegistrationSettings registration) {
		this.resourceServers = resourceServers;
		this.registration = registration;
	}

	@GetMapping("/admin/apps")
	String apps(@RequestParam(defaultValue = "") String q, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("apps", this.resourceServers.search(q, PAGE));
		model.addAttribute("registration", this.registration.current());
		return "admin/apps";
	}

	/** An unticked checkbox sends nothing, so a missing field means "not allowed". */
	@PostMapping("/admin/apps/{clientId}/token-exchange")
	String tokenExchange(@PathVariable String clientId, @RequestParam(defaultValue = "false") boolean tokenExchange,
			RedirectAttributes redirect) {
		try {
			String name = this.resourceServers.allowTokenExchange(clientId, tokenExchange)
				.orElseThrow(AppNotFoundException::new)
				.name();
			redirect.addFlashAttribute("notice", tokenExchange ? name + " may exchange users' tokens for narrower ones."
					: name + " may no longer exchange tokens.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).message());
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/admin/apps/{id}").buildAndExpand(clientId).encode().toUriString();
	}

	/** An unticked checkbox sends nothing: a missing field means "closed". */
	@PostMapping("/admin/apps/registration")
	@SudoRequired(continueTo = "/admin/apps")
	String registration(@RequestParam(defaultValue = "false") boolean open,
			@RequestParam(defaultValue = "0") int unusedDays, @AuthenticationPrincipal SignedInUser admin,
			RedirectAttributes redirect) {
		try {
			this.registration.save(new ClientRegistrationSettings.Settings(open, unusedDays), admin.accountId());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("registrationProblem", ex.problems().get(0).message());
		}
		return "redirect:/admin/apps";
	}

	@GetMapping("/admin/apps/{clientId}")
	String app(@PathVariable String clientId, Model model) {
		OwnedApp owned = this.resourceServers.find(clientId)
			.orElseThrow(AppNotFoundException::new);
		model.addAttribute("app", owned.app());
		model.addAttribute("owner", owned.owner());
		return "admin/app";
	}

	/** An unticked checkbox sends nothing, so a missing field means "not a resource server". */
	@PostMapping("/admin/apps/{clientId}/resource-server")
	String resourceServer(@PathVariable String clientId, @RequestParam(defaultValue = "false") boolean resourceServer,
			@RequestParam(required = false) @Nullable String resourceUrl, RedirectAttributes redirect) {
		try {
			String name = this.resourceServers.mark(clientId, resourceServer, resourceUrl)
				.orElseThrow(AppNotFoundException::new)
				.name();
			redirect.addFlashAttribute("notice", resourceServer ? name + " is a resource server: it may introspect any token."
					: name + " introspects only its own and its owner's tokens.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).message());
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/admin/apps/{id}").buildAndExpand(clientId).encode().toUriString();
	}

}
