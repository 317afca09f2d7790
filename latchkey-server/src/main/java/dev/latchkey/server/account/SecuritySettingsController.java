package dev.latchkey.server.account;

import java.time.Clock;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.input.NotFoundException;
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.RelativeTime;
import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Password and authentication, and Settings → Sessions. A new password ends every
 * other session of the account, on every node, as GitHub does; the current password it asks
 * for is throttled like "Confirm access", for whoever stands here holds a session already.
 */
@Controller
class SecuritySettingsController {

	private final AccountService accounts;

	private final PasswordChanges passwords;

	private final SudoAttempts attempts;

	private final SudoMode sudoMode;

	private final SignedInSessions sessions;

	private final AuditLog audit;

	private final SecondFactors secondFactors;

	private final Passkeys passkeys;

	private final Clock clock;

	private final ObjectProvider<IdentityProviders> identityProviders;

	SecuritySettingsController(AccountService accounts, PasswordChanges passwords, SudoAttempts attempts,
			SudoMode sudoMode, SignedInSessions sessions, AuditLog audit, SecondFactors secondFactors,
			Passkeys passkeys, Clock clock, ObjectProvider<IdentityProviders> identityProviders) {
		this.secondFactors = secondFactors;
		this.passkeys = passkeys;
		this.clock = clock;
		this.accounts = accounts;
		this.passwords = passwords;
		this.attempts = attempts;
		this.sudoMode = sudoMode;
		this.sessions = sessions;
		this.audit = audit;
		this.identityProviders = identityProviders;
	}

	@GetMapping("/settings/security")
	String security(@AuthenticationPrincipal SignedInUser user, Model model) {
		return securityPage(user, model);
	}

	private String securityPage(SignedInUser user, Model model) {
		boolean twoFactor = this.secondFactors.enabled(user.accountId());
		model.addAttribute("twoFactorEnabled", twoFactor);
		if (twoFactor) {
			model.addAttribute("recoveryCodesLeft", this.secondFactors.unusedRecoveryCodes(user.accountId()));
		}
		Instant now = this.clock.instant();
		model.addAttribute("passkeys", this.passkeys.of(user.getUsername())
			.stream()
			.map((passkey) -> new PasskeyRow(passkey.id(), passkey.name(), "Added "
					+ ((passkey.createdAt() != null) ? RelativeTime.date(passkey.createdAt()) : "before records began")
					+ " · " + ((passkey.lastUsedAt() != null) ? "last used " + RelativeTime.ago(passkey.lastUsedAt(), now)
							: "never used")))
			.toList());
		IdentityProviders providers = this.identityProviders.getIfAvailable(() -> IdentityProviders.NONE);
		List<IdentityProviders.Linked> linked = providers.linkedTo(user.accountId());
		model.addAttribute("linkedIdentities", linked);
		model.addAttribute("linkableProviders", providers.list()
			.stream()
			.filter((provider) -> linked.stream().noneMatch((identity) -> identity.providerId().equals(provider.id())))
			.toList());
		return "account/security";
	}

	@PostMapping("/settings/password")
	String changePassword(@AuthenticationPrincipal SignedInUser user,
			@RequestParam(name = "current_password", defaultValue = "") String current,
			@RequestParam(name = "new_password", defaultValue = "") String replacement, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		// Before the password is hashed: a throttled attempt is refused whatever it typed.
		Optional<AttemptThrottle.Refusal> refusal = this.attempts.refusal(user, request.getRemoteAddr());
		if (refusal.isPresent()) {
			model.addAllAttributes(TooManyAttemptsPage.prepare(refusal.get(), response));
			return TooManyAttemptsPage.VIEW;
		}
		if (!this.accounts.passwordMatches(user.accountId(), current)) {
			this.attempts.failed(user, request.getRemoteAddr());
			model.addAttribute("errors", Map.of("current_password", "Current password is incorrect."));
			return securityPage(user, model);
		}
		try {
			this.passwords.change(user.accountId(), replacement);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return securityPage(user, model);
		}
		// Every other session ends; this one goes on under a new id, with the password just proven.
		this.sessions.endAllBut(user.getUsername(), request.getSession().getId());
		request.changeSessionId();
		this.sudoMode.grant(request.getSession());
		redirect.addFlashAttribute("notice", "Password changed. Every other session of yours is signed out.");
		return "redirect:/settings/security";
	}

	@GetMapping("/settings/sessions")
	String list(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
		model.addAttribute("sessions", this.sessions.list(user.getUsername(), request.getSession().getId()));
		return "account/sessions";
	}

	@PostMapping("/settings/sessions/{handle}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable String handle,
			RedirectAttributes redirect) {
		if (!this.sessions.end(user.getUsername(), handle)) {
			throw new SessionNotFoundException();
		}
		this.audit.record(SecurityAction.SESSION_REVOKED, user.accountId(), null, Map.of("sessions", "1"));
		redirect.addFlashAttribute("notice", "Signed out. That browser must sign in again.");
		return "redirect:/settings/sessions";
	}

	@PostMapping("/settings/sessions/others/revoke")
	String revokeOthers(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request,
			RedirectAttributes redirect) {
		int ended = this.sessions.endAllBut(user.getUsername(), request.getSession().getId());
		if (ended > 0) {
			this.audit.record(SecurityAction.SESSION_REVOKED, user.accountId(), null,
					Map.of("sessions", Integer.toString(ended)));
		}
		redirect.addFlashAttribute("notice", "Signed out everywhere else.");
		return "redirect:/settings/sessions";
	}

	/** A passkey as the page lists it. */
	record PasskeyRow(String id, String name, String when) {
	}

	/** No session of the user's by that handle: ended already, or never theirs. */
	static final class SessionNotFoundException extends NotFoundException {

		private static final long serialVersionUID = 1L;

		SessionNotFoundException() {
			super("No such session.");
		}

	}

}
