package dev.latchkey.server.passkey;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.NotFoundException;
import dev.latchkey.server.web.SignedInUser;

/**
 * The passkeys part of Settings → Password and authentication: the page that adds one (the
 * browser does the ceremony with Spring Security's endpoints) and removing one.
 */
@Controller
class PasskeySettingsController {

	private final PasskeyDirectory passkeys;

	PasskeySettingsController(PasskeyDirectory passkeys) {
		this.passkeys = passkeys;
	}

	@GetMapping("/settings/security/passkeys/new")
	@SudoRequired
	String add() {
		return "passkey/new";
	}

	@PostMapping("/settings/security/passkeys/{id}/delete")
	@SudoRequired(continueTo = "/settings/security")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, RedirectAttributes redirect) {
		this.passkeys.remove(this.passkeys.owned(user.getUsername(), id).orElseThrow(PasskeyNotFoundException::new));
		redirect.addFlashAttribute("notice", "Passkey removed. It no longer signs in to your account.");
		return "redirect:/settings/security";
	}

	/** No passkey of the user's by that id. */
	static final class PasskeyNotFoundException extends NotFoundException {

		private static final long serialVersionUID = 1L;

		PasskeyNotFoundException() {
			super("No such passkey.");
		}

	}

}
