package dev.latchkey.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.SignedInUser;

/**
 * Sign-up, and the sign-in page whose form Spring Security processes.
 */
@Controller
class SignupController {

	private final AccountService accounts;

	private final SecurityContextRepository contextRepository;

	private final SudoMode sudoMode;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final ApplicationEventPublisher events;

	SignupController(AccountService accounts, SecurityContextRepository contextRepository, SudoMode sudoMode,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.events = events;
		this.contextRepository = contextRepository;
		this.sudoMode = sudoMode;
	}

	@GetMapping("/login")
	String login() {
		return "account/login";
	}

	@GetMapping("/signup")
	String signupForm(Model model) {
		model.addAttribute("form", new SignupForm(null, null, null));
		return "account/signup";
	}

	@PostMapping("/signup")
	String signup(@ModelAttribute SignupForm form, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Account account;
		try {
			account = this.accounts.signUp(form);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", new SignupForm(form.username(), form.email(), null));
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "account/signup";
		}
		this.events.publishEvent(new AccountSignedUp(account));
		signIn(account, request, response);
		return "redirect:/settings/tokens";
	}

	/** Signs the new user straight in, as GitHub does after sign-up. */
	private void signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
		SignedInUser user = AccountUserDetailsService.principal(account, "");
		user.eraseCredentials();
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		this.contextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		this.sudoMode.grant(request.getSession());
		SignedInSessions.signedIn(request);
	}

}
