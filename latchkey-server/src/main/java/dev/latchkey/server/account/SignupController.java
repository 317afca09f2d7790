package dev.latchkey.server.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

	private final AccountsProperties properties;

	private final Invitations invitations;

	private final TransactionOperations transaction;

	private final ObjectProvider<IdentityProviders> identityProviders;

	SignupController(AccountService accounts, SecurityContextRepository contextRepository, SudoMode sudoMode,
			ApplicationEventPublisher events, AccountsProperties properties, Invitations invitations,
			TransactionOperations transaction, ObjectProvider<IdentityProviders> identityProviders) {
		this.identityProviders = identityProviders;
		this.accounts = accounts;
		this.events = events;
		this.properties = properties;
		this.invitations = invitations;
		this.transaction = transaction;
		this.contextRepository = contextRepository;
		this.sudoMode = sudoMode;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("signUpOpen", this.properties.localSignUpOpen());
		model.addAttribute("localSignIn", this.properties.localSignIn());
		model.addAttribute("identityProviders", this.identityProviders.getIfAvailable(() -> IdentityProviders.NONE).list());
		return "account/login";
	}

	@GetMapping("/signup")
	String signupForm(@RequestParam(required = false) @Nullable String invitation, Model model,
			HttpServletResponse response) {
		Optional<String> invited = invited(invitation);
		if (closedTo(invited, response)) {
			return "account/signup-closed";
		}
		model.addAttribute("form", new SignupForm(null, invited.orElse(null), null));
		model.addAttribute("invitation", invited.isPresent() ? invitation : null);
		return "account/signup";
	}

	@PostMapping("/signup")
	String signup(@ModelAttribute SignupForm form, @RequestParam(required = false) @Nullable String invitation,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Optional<String> invited = invited(invitation);
		if (closedTo(invited, response)) {
			return "account/signup-closed";
		}
		// An invitation is for the address it was mailed to, which that mail just proved.
		SignupForm signUp = invited.map((email) -> new SignupForm(form.username(), email, form.password())).orElse(form);
		Account account;
		try {
			account = this.transaction.execute((status) -> {
				Account created = this.accounts.signUp(signUp);
				if (invitation != null && invited.isPresent() && !this.invitations.accept(invitation, created)) {
					throw new InvalidInputException("invitation", "used", "This invitation was used meanwhile.");
				}
				return created;
			});
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", new SignupForm(signUp.username(), signUp.email(), null));
			model.addAttribute("invitation", invited.isPresent() ? invitation : null);
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "account/signup";
		}
		if (invited.isEmpty()) {
			this.events.publishEvent(new AccountSignedUp(account));
		}
		signIn(account, request, response);
		return "redirect:/settings/tokens";
	}

	/** The address of a valid invitation, if sign-up is by invitation and one was followed. */
	private Optional<String> invited(@Nullable String invitation) {
		return (this.properties.signUp() == AccountsProperties.SignUp.INVITE && invitation != null)
				? this.invitations.addressOf(invitation) : Optional.empty();
	}

	/** Whether this browser may not sign up: sign-up is closed, or by invitation and it has none. */
	private boolean closedTo(Optional<String> invited, HttpServletResponse response) {
		boolean closed = !this.properties.localSignIn() || switch (this.properties.signUp()) {
			case OPEN -> false;
			case INVITE -> invited.isEmpty();
			case CLOSED -> true;
		};
		if (closed) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		}
		return closed;
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
