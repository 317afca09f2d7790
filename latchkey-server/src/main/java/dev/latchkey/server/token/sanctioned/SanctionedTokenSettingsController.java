package dev.latchkey.server.token.sanctioned;

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

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenForm;
import dev.latchkey.server.token.TokenFormModel;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenRow;
import dev.latchkey.server.token.TokenService;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.NoStore;
import dev.latchkey.server.web.SignedInUser;

/**
 * Sanctioned tokens in the settings: the owner's "Sanction a token" form, and the delegate's
 * page of tokens sanctioned for them, where they accept (and see the value once), decline or
 * revoke. Issuing and accepting need sudo mode, as generating a token does.
 */
@Controller
@RequestMapping("/settings/tokens")
class SanctionedTokenSettingsController {

	private static final String HELD = "/settings/tokens/sanctioned";

	private final SanctionedTokens sanctioned;

	private final TokenFormModel formModel;

	private final AccountStore accounts;

	private final Clock clock;

	SanctionedTokenSettingsController(SanctionedTokens sanctioned, TokenFormModel formModel, AccountStore accounts, Clock clock) {
		this.sanctioned = sanctioned;
		this.formModel = formModel;
		this.accounts = accounts;
		this.clock = clock;
	}

	@SudoRequired
	@GetMapping("/sanction")
	String form(@AuthenticationPrincipal SignedInUser user, Model model) {
		return showForm(user, TokenForm.empty(), "", Map.of(), model);
	}

	@SudoRequired
	@PostMapping("/sanction")
	String sanction(@AuthenticationPrincipal SignedInUser user, @ModelAttribute TokenForm form,
			@RequestParam(required = false) @Nullable String delegate, @RequestParam MultiValueMap<String, String> fields,
			Model model, RedirectAttributes redirect) {
		Map<String, List<String>> chosen = this.formModel.chosen(fields);
		TokenMetadata token;
		try {
			token = this.sanctioned.sanction(new TokenService.Owner(user.accountId(), user.admin()),
					form.toRequest(chosen), delegate, null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return showForm(user, form, delegate, chosen, model);
		}
		catch (ResourceListUnavailableException ex) {
			model.addAttribute("errors", Map.of("resources", ex.getMessage() + " No token was sanctioned; try again."));
			return showForm(user, form, delegate, chosen, model);
		}
		redirect.addFlashAttribute("notice", "Sanctioned \"" + token.name() + "\" for " + token.delegation().username()
				+ ". It works once they accept it; only they will see its value.");
		return "redirect:/settings/tokens";
	}

	@GetMapping("/sanctioned")
	String held(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("held", rows(user));
		return "token/held";
	}

	@SudoRequired(continueTo = HELD)
	@PostMapping("/sanctioned/{id}/accept")
	String accept(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model,
			HttpServletResponse response) {
		IssuedToken accepted;
		try {
			accepted = this.sanctioned.accept(user.accountId(), id);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.problems().get(0).message());
			return held(user, model);
		}
		NoStore.on(response);
		model.addAttribute("newToken", accepted.secret().reveal());
		return held(user, model);
	}

	@PostMapping("/sanctioned/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.sanctioned.revoke(user.accountId(), id);
		redirect.addFlashAttribute("notice", "Revoked. The token no longer works.");
		return "redirect:" + HELD;
	}

	private String showForm(SignedInUser user, TokenForm form, @Nullable String delegate,
			Map<String, List<String>> chosen, Model model) {
		this.formModel.fill(model, user, form, chosen);
		model.addAttribute("sanction", true);
		model.addAttribute("delegate", delegate);
		return "token/new";
	}

	private List<HeldToken> rows(SignedInUser user) {
		return this.sanctioned.heldBy(user.accountId())
			.stream()
			.map((token) -> new HeldToken(TokenRow.of(token, this.clock.instant()),
					this.accounts.findById(token.accountId()).map(Account::username).orElse("?"),
					!token.delegation().accepted()))
			.toList();
	}

	/**
	 * A token sanctioned for the signed-in user.
	 *
	 * @param token the token's line
	 * @param owner whose data it acts on
	 * @param waiting whether it waits for acceptance
	 */
	record HeldToken(TokenRow token, String owner, boolean waiting) {
	}

}
