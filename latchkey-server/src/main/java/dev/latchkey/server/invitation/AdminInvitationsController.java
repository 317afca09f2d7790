package dev.latchkey.server.invitation;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.AccountsProperties;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.RelativeTime;
import dev.latchkey.server.web.SignedInUser;

/**
 * Admin → Invitations (admins only, as every {@code /admin} page): invite someone by mail, and
 * see the invitations sent lately and which were taken.
 */
@Controller
class AdminInvitationsController {

	private static final int SHOWN = 50;

	private final InvitationService invitations;

	private final AccountsProperties properties;

	AdminInvitationsController(InvitationService invitations, AccountsProperties properties) {
		this.invitations = invitations;
		this.properties = properties;
	}

	/** An invitation as a row of the page. */
	record Row(String email, String sent, String state) {
	}

	@GetMapping("/admin/invitations")
	String list(Model model) {
		model.addAttribute("signUp", this.properties.signUp().name().toLowerCase(java.util.Locale.ROOT));
		List<Row> rows = this.invitations.recent(SHOWN)
			.stream()
			.map((invitation) -> new Row(invitation.email(),
					RelativeTime.date(invitation.createdAt())
							+ ((invitation.invitedBy() != null) ? " by " + invitation.invitedBy() : ""),
					(invitation.usedAt() != null) ? "Accepted" : "Sent"))
			.toList();
		model.addAttribute("invitations", rows);
		return "invitation/invitations";
	}

	@PostMapping("/admin/invitations")
	String invite(@AuthenticationPrincipal SignedInUser admin, @RequestParam(defaultValue = "") String email,
			Model model, RedirectAttributes redirect) {
		try {
			this.invitations.invite(email.strip(), admin.accountId());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return list(model);
		}
		redirect.addFlashAttribute("notice", "Invitation sent to " + email.strip() + ". Its link works for a week.");
		return "redirect:/admin/invitations";
	}

}
