package dev.latchkey.server.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignedInUser;
import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.InvalidInputException;

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

	private final SudoMode sudoMode;

	private final AccountStore accounts;

	private final Clock clock;

	SanctionedTokenSettingsController(SanctionedTokens sanctioned, TokenFormModel formModel, SudoMode sudoMode,
			AccountStore accounts, Clock clock) {
		this.sanctioned = sanctioned;
		this.formModel = formModel;
		this.sudoMode = sudoMode;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/sanction")
	String form(@AuthenticationPrincipal SignedInUser user, HttpSession session, Model model) {
		if (!this.sudoMode.isActive(session)) {
			return "redirect:" + SudoMode.confirmUrl("/settings/tokens/sanction");
		}
		return showForm(user, TokenForm.empty(), "", Map.of(), model);
	}

	@PostMapping("/sanction")
	String sanction(@AuthenticationPrincipal SignedInUser user, @ModelAttribute TokenForm form,
			@RequestParam(required = false) @Nullable String delegate, @RequestParam MultiValueMap<String, String> fields,
			HttpSession session, Model model, RedirectAttributes redirect) {
		if (!this.sudoMode.isActive(session)) {
			return "redirect:" + SudoMode.confirmUrl("/settings/tokens/sanction");
		}
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

	@PostMapping("/sanctioned/{id}/accept")
	String accept(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, HttpSession session, Model model,
			HttpServletResponse response) {
		if (!this.sudoMode.isActive(session)) {
			return "redirect:" + SudoMode.confirmUrl(HELD);
		}
		IssuedToken accepted;
		try {
			accepted = this.sanctioned.accept(user.accountId(), id);
		}
		catch (TokenNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.problems().get(0).message());
			return held(user, model);
		}
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("newToken", accepted.secret().reveal());
		return held(user, model);
	}

	@PostMapping("/sanctioned/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, RedirectAttributes redirect) {
		try {
			this.sanctioned.revoke(user.accountId(), id);
		}
		catch (TokenNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
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
