package dev.latchkey.server.audit;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.web.SignedInUser;

/**
 * The security log pages: a user's own at {@code /settings/security-log}, everyone's for
 * admins at {@code /admin/security-log}, with its CSV export.
 */
@Controller
class SecurityLogController {

	private static final int PAGE = 50;

	private final AuditLog audit;

	private final AccountIds accounts;

	SecurityLogController(AuditLog audit, AccountIds accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	@GetMapping("/settings/security-log")
	String own(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable Long before, Model model) {
		model.addAttribute("admin", false);
		return show(model, action, null, before, () -> user.accountId());
	}

	@GetMapping("/admin/security-log")
	String all(@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String user, @RequestParam(required = false) @Nullable Long before,
			Model model) {
		model.addAttribute("admin", true);
		return show(model, action, user, before, () -> SecurityEventFilters.user(this.accounts, user));
	}

	@GetMapping("/admin/security-log.csv")
	void export(@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String user, HttpServletResponse response) throws IOException {
		SecurityEventQuery query;
		try {
			query = new SecurityEventQuery(SecurityEventFilters.user(this.accounts, user),
					SecurityEventFilters.action(action), null, null, null, SecurityEventQuery.MAX_LIMIT);
		}
		catch (InvalidInputException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.problems().get(0).message());
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"latchkey-security-log.csv\"");
		SecurityEventCsv.write(this.audit, query, response.getWriter());
	}

	private String show(Model model, @Nullable String action, @Nullable String user, @Nullable Long before,
			AccountFilter account) {
		model.addAttribute("actions", SecurityAction.values());
		model.addAttribute("selectedAction", (action != null) ? action : "");
		model.addAttribute("selectedUser", (user != null) ? user : "");
		List<SecurityEvent> events = List.of();
		try {
			SecurityEventQuery query = new SecurityEventQuery(account.id(), SecurityEventFilters.action(action), null,
					null, before, PAGE);
			events = this.audit.find(query);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.problems().get(0).message());
		}
		model.addAttribute("events", events);
		model.addAttribute("older", (events.size() == PAGE) ? events.get(events.size() - 1).id() : null);
		return "audit/security-log";
	}

	/** Which account's entries to show; may refuse a filter naming no one. */
	@FunctionalInterface
	private interface AccountFilter {

		@Nullable Long id();

	}

}
