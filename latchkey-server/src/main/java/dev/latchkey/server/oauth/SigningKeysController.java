package dev.latchkey.server.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.web.SignedInUser;

/** Admin → OpenID Connect signing keys: which keys are published and which signs, and a rotation (sudo). */
@Controller
class SigningKeysController {

	private final SigningKeys keys;

	private final AuditLog audit;

	SigningKeysController(SigningKeys keys, AuditLog audit) {
		this.keys = keys;
		this.audit = audit;
	}

	/**
	 * A key as the page lists it.
	 *
	 * @param id its key id, as in the key set
	 * @param signsFrom when it signs from
	 * @param retiredAt when it leaves the key set; absent while current
	 * @param signing whether it signs now
	 */
	record KeyRow(String id, Instant signsFrom, @Nullable Instant retiredAt, boolean signing) {
	}

	@GetMapping("/admin/signing-keys")
	String page(Model model) {
		String signing = this.keys.signingKeyId();
		List<KeyRow> rows = this.keys.keys()
			.stream()
			.map((key) -> new KeyRow(key.jwk().getKeyID(), key.signsFrom(), key.retiredAt(),
					key.jwk().getKeyID().equals(signing)))
			.toList();
		model.addAttribute("keys", rows);
		return "oauth/signing-keys";
	}

	@PostMapping("/admin/signing-keys/rotate")
	@SudoRequired(continueTo = "/admin/signing-keys")
	String rotate(@AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
		String kid = this.keys.rotate();
		this.audit.record(SecurityAction.SIGNING_KEY_ROTATED, admin.accountId(), null, Map.of("kid", kid));
		redirect.addFlashAttribute("notice", "A new signing key is published; it signs once apps have had time to fetch it.");
		return "redirect:/admin/signing-keys";
	}

}
