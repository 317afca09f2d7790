package dev.latchkey.server.twofactor;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.web.NoStore;
import dev.latchkey.server.web.SignedInUser;

/**
 * The two-factor part of Settings → Password and authentication: set up an authenticator app
 * (its seed as a QR code and as text, confirmed by a code from the app), then the recovery
 * codes, shown once; regenerate them; turn it all off. Each change needs sudo mode.
 */
@Controller
class TwoFactorSettingsController {

	private final TwoFactorService twoFactor;

	TwoFactorSettingsController(TwoFactorService twoFactor) {
		this.twoFactor = twoFactor;
	}

	@PostMapping("/settings/security/two-factor")
	@SudoRequired(continueTo = "/settings/security")
	String enable(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		if (!this.twoFactor.begin(user.accountId())) {
			redirect.addFlashAttribute("notice", "Two-factor authentication is on already.");
			return "redirect:/settings/security";
		}
		return "redirect:/settings/security/two-factor/setup";
	}

	@GetMapping("/settings/security/two-factor/setup")
	String setup(@AuthenticationPrincipal SignedInUser user, Model model, HttpServletResponse response) {
		return showSetup(user, model, response, null);
	}

	@PostMapping("/settings/security/two-factor/setup")
	String confirm(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String code,
			Model model, HttpServletResponse response) {
		Optional<List<String>> codes = this.twoFactor.confirm(user.accountId(), code);
		if (codes.isEmpty()) {
			return showSetup(user, model, response, "That code didn't match. Check the time on your device, and "
					+ "enter the code your app shows now.");
		}
		model.addAttribute("notice", "Two-factor authentication is on. You'll be asked for a code when you sign in.");
		return showRecoveryCodes(codes.get(), model, response);
	}

	@PostMapping("/settings/security/two-factor/recovery-codes")
	@SudoRequired(continueTo = "/settings/security")
	String regenerate(@AuthenticationPrincipal SignedInUser user, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Optional<List<String>> codes = this.twoFactor.regenerateRecoveryCodes(user.accountId());
		if (codes.isEmpty()) {
			redirect.addFlashAttribute("notice", "Two-factor authentication is off: there are no recovery codes.");
			return "redirect:/settings/security";
		}
		model.addAttribute("notice", "New recovery codes. The old ones no longer work.");
		return showRecoveryCodes(codes.get(), model, response);
	}

	@PostMapping("/settings/security/two-factor/disable")
	@SudoRequired(continueTo = "/settings/security")
	String disable(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		this.twoFactor.disable(user.accountId());
		redirect.addFlashAttribute("notice", "Two-factor authentication is off. Signing in needs only your password.");
		return "redirect:/settings/security";
	}

	private String showSetup(SignedInUser user, Model model, HttpServletResponse response, @Nullable String error) {
		Optional<TwoFactorService.Setup> setup = this.twoFactor.setup(user.accountId(), user.getUsername());
		if (setup.isEmpty()) {
			return "redirect:/settings/security";
		}
		NoStore.on(response);
		model.addAttribute("secret", setup.get().secret());
		model.addAttribute("qrCode", QrCodes.svg(setup.get().uri()));
		model.addAttribute("error", error);
		return "twofactor/setup";
	}

	private static String showRecoveryCodes(List<String> codes, Model model, HttpServletResponse response) {
		NoStore.on(response);
		model.addAttribute("codes", codes);
		model.addAttribute("download", "Latchkey recovery codes\n\n" + String.join("\n", codes) + "\n");
		return "twofactor/recovery-codes";
	}

}
