package dev.latchkey.server.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.NoStore;
import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Personal access tokens. A new secret is rendered straight into the answer of
 * the POST that made it, never parked in the session or a redirect, so it exists only in
 * that one response.
 */
@Controller
@RequestMapping("/settings/tokens")
class TokenSettingsController {

	private final TokenService tokens;

	private final TokenFormModel formModel;

	private final TokenListPage listPage;

	private final Clock clock;

	TokenSettingsController(TokenService tokens, TokenFormModel formModel, TokenListPage listPage, Clock clock) {
		this.formModel = formModel;
		this.listPage = listPage;
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		return this.listPage.render(user, model);
	}

	@SudoRequired
	@GetMapping("/new")
	String newToken(@AuthenticationPrincipal SignedInUser user, Model model) {
		return showForm(user, TokenForm.empty(), Map.of(), model);
	}

	@SudoRequired(continueTo = "/settings/tokens/new")
	@PostMapping
	String create(@AuthenticationPrincipal SignedInUser user, @ModelAttribute TokenForm form,
			@RequestParam MultiValueMap<String, String> fields, Model model,
			HttpServletResponse response) {
		Map<String, List<String>> chosen = this.formModel.chosen(fields);
		IssuedToken issued;
		try {
			issued = this.tokens.create(new TokenService.Owner(user.accountId(), user.admin()), form.toRequest(chosen),
					null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return showForm(user, form, chosen, model);
		}
		catch (ResourceListUnavailableException ex) {
			model.addAttribute("errors", Map.of("resources", ex.getMessage() + " No token was created; try again."));
			return showForm(user, form, chosen, model);
		}
		return showNewToken(user, issued, model, response);
	}

	@SudoRequired
	@GetMapping("/{id}/regenerate")
	String regenerateForm(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) @Nullable String expiration, Model model) {
		model.addAttribute("token", TokenRow.of(find(user, id), this.clock.instant()));
		// Expiry mail links here with the token's usual lifetime chosen.
		model.addAttribute("form", TokenForm.withExpiration(expiration));
		model.addAttribute("minDate", this.formModel.tomorrow());
		return "token/regenerate";
	}

	@SudoRequired
	@PostMapping("/{id}/regenerate")
	String regenerate(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@ModelAttribute TokenForm form, Model model, HttpServletResponse response) {
		TokenMetadata current = find(user, id);
		IssuedToken issued;
		try {
			issued = this.tokens.regenerate(user.accountId(), id, form.toExpiration(), null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			model.addAttribute("token", TokenRow.of(current, this.clock.instant()));
			model.addAttribute("form", form);
			model.addAttribute("minDate", this.formModel.tomorrow());
			return "token/regenerate";
		}
		return showNewToken(user, issued, model, response);
	}

	@GetMapping("/{id}/revoke")
	String revokeConfirmation(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model) {
		model.addAttribute("token", TokenRow.of(find(user, id), this.clock.instant()));
		return "token/revoke";
	}

	@PostMapping("/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, RedirectAttributes redirect) {
		TokenMetadata token = find(user, id);
		this.tokens.revoke(user.accountId(), id);
		redirect.addFlashAttribute("notice", "Revoked token \"" + token.name() + "\". It no longer works.");
		return "redirect:/settings/tokens";
	}

	private String showForm(SignedInUser user, TokenForm form, Map<String, List<String>> chosen, Model model) {
		this.formModel.fill(model, user, form, chosen);
		return "token/new";
	}

	private String showNewToken(SignedInUser user, IssuedToken issued, Model model, HttpServletResponse response) {
		NoStore.on(response);
		model.addAttribute("newToken", issued.secret().reveal());
		model.addAttribute("newTokenId", issued.metadata().id());
		return this.listPage.render(user, model);
	}

	private TokenMetadata find(SignedInUser user, long id) {
		return this.tokens.get(user.accountId(), id);
	}

}
