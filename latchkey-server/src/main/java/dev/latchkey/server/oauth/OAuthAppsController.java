package dev.latchkey.server.oauth;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.NoStore;
import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Developer settings → OAuth Apps. A new client secret is rendered straight into
 * the answer of the POST that made it, and exists nowhere else.
 */
@Controller
@RequestMapping("/settings/developers")
class OAuthAppsController {

	private final OAuthAppService apps;

	OAuthAppsController(OAuthAppService apps) {
		this.apps = apps;
	}

	@GetMapping
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("apps", this.apps.list(user.accountId()));
		return "oauth/apps";
	}

	@GetMapping("/new")
	String newApp(Model model) {
		model.addAttribute("form", AppForm.empty());
		return "oauth/new-app";
	}

	@SudoRequired(continueTo = "/settings/developers/new")
	@PostMapping
	String register(@AuthenticationPrincipal SignedInUser user, @ModelAttribute AppForm form, Model model, HttpServletResponse response) {
		RegisteredApp registered;
		try {
			registered = this.apps.register(user.accountId(), form);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", form);
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "oauth/new-app";
		}
		return showApp(registered.app(), registered.secret(), model, response);
	}

	@GetMapping("/{id}")
	String app(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model,
			HttpServletResponse response) {
		return showApp(this.apps.get(user.accountId(), id), null, model, response);
	}

	@SudoRequired(continueTo = "/settings/developers/{id}")
	@PostMapping("/{id}/secrets")
	String generateSecret(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model, HttpServletResponse response) {
		OAuthApp app = this.apps.get(user.accountId(), id);
		try {
			return showApp(app, this.apps.generateSecret(user.accountId(), id), model, response);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.problems().get(0).message());
			return showApp(app, null, model, response);
		}
	}

	@PostMapping("/{id}/secrets/{secretId}/delete")
	String deleteSecret(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@PathVariable long secretId, RedirectAttributes redirect) {
		this.apps.deleteSecret(user.accountId(), id, secretId);
		redirect.addFlashAttribute("notice", "Client secret deleted. It no longer works.");
		return "redirect:/settings/developers/" + id;
	}

	@GetMapping("/{id}/delete")
	String deleteConfirmation(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model) {
		model.addAttribute("app", this.apps.get(user.accountId(), id));
		return "oauth/delete-app";
	}

	@PostMapping("/{id}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, RedirectAttributes redirect) {
		OAuthApp app = this.apps.get(user.accountId(), id);
		this.apps.delete(user.accountId(), id);
		redirect.addFlashAttribute("notice", "Deleted \"" + app.name() + "\" and revoked every token it held.");
		return "redirect:/settings/developers";
	}

	private String showApp(OAuthApp app, TokenSecret secret, Model model, HttpServletResponse response) {
		NoStore.on(response);
		model.addAttribute("app", app);
		model.addAttribute("secrets", this.apps.secrets(app));
		model.addAttribute("maxSecrets", OAuthAppService.MAX_SECRETS);
		if (secret != null) {
			model.addAttribute("newSecret", secret.reveal());
		}
		return "oauth/app";
	}

}
