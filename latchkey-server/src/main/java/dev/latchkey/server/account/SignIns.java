package dev.latchkey.server.account;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.SecondFactors.SecondFactor;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.web.SignedInUser;

/**
 * Where a sign-in ends: the session gets its authentication, sudo mode opens (the password was
 * just proven, as on GitHub), the security log says how, and the browser goes on to the page
 * that sent it to sign in. An account with two-factor authentication stops half-way, after the
 * password, as a {@link PendingSignIn} with no authentication at all.
 */
@Component
public class SignIns {

	/** The page that asks for the second factor. */
	public static final String SECOND_FACTOR_PAGE = "/login/two-factor";

	private final SecondFactors secondFactors;

	private final AccountStore accounts;

	private final SecurityContextRepository contexts;

	private final SudoMode sudoMode;

	private final AuditLog audit;

	private final Clock clock;

	private final SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();

	/** A passkey signs in from script, which reads where to go on from JSON. */
	private final AuthenticationSuccessHandler onwardAsJson = new HttpMessageConverterAuthenticationSuccessHandler();

	private final AccountsProperties accountSettings;

	private final AdminProperties admin;

	SignIns(SecondFactors secondFactors, AccountStore accounts, SecurityContextRepository contexts, SudoMode sudoMode,
			AuditLog audit, Clock clock, AccountsProperties accountSettings, AdminProperties admin) {
		this.accountSettings = accountSettings;
		this.admin = admin;
		this.secondFactors = secondFactors;
		this.accounts = accounts;
		this.contexts = contexts;
		this.sudoMode = sudoMode;
		this.audit = audit;
		this.clock = clock;
		this.onward.setDefaultTargetUrl("/settings/tokens");
	}

	/** The password was right: signed in, or on to the second factor. */
	void passwordAccepted(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		SignedInUser user = (SignedInUser) authentication.getPrincipal();
		if (!localSignInAllowed(user.getUsername())) {
			SecurityContextHolder.clearContext();
			this.contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
			response.sendRedirect(request.getContextPath() + "/login?local_off");
			return;
		}
		if (!this.secondFactors.enabled(user.accountId())) {
			finish(request, response, authentication, "password", this.onward);
			return;
		}
		// Undo what the form login saved: half a sign-in must not open any door.
		SecurityContextHolder.clearContext();
		this.contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
		new PendingSignIn(user.accountId(), user.getUsername(), this.clock.instant()).store(request.getSession());
		response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PAGE);
	}

	/**
	 * The account's owner, already signed in, went to a provider to link it and came back: the
	 * session is theirs again, as it was; no new sign-in is recorded.
	 */
	public void resume(HttpServletRequest request, HttpServletResponse response, long accountId) {
		signIn(request, response, accountId);
	}

	/**
	 * An identity provider vouched for the account's owner: signed in as with a password, or on
	 * to the second factor when the account has one.
	 * @param provider the provider's id, for the security log
	 */
	public void identityProviderAccepted(HttpServletRequest request, HttpServletResponse response, long accountId,
			String provider) throws IOException, ServletException {
		Optional<Account> account = this.accounts.findById(accountId).filter((found) -> !found.suspended());
		if (account.isEmpty()) {
			response.sendRedirect(request.getContextPath() + "/login?error");
			return;
		}
		if (this.secondFactors.enabled(accountId)) {
			SecurityContextHolder.clearContext();
			this.contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
			new PendingSignIn(accountId, account.get().username(), this.clock.instant()).store(request.getSession());
			response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PAGE);
			return;
		}
		Authentication authentication = signIn(request, response, accountId).orElseThrow();
		finish(request, response, authentication, "identity_provider:" + provider, this.onward);
	}

	/**
	 * The second factor was right: the waiting sign-in completes, unless the account was
	 * suspended meanwhile.
	 * @return whether the browser was signed in and sent on
	 */
	public boolean secondFactorAccepted(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending,
			SecondFactor factor) throws IOException, ServletException {
		PendingSignIn.clear(request.getSession());
		Optional<Authentication> authentication = signIn(request, response, pending.accountId());
		if (authentication.isEmpty()) {
			return false;
		}
		finish(request, response, authentication.get(), "password+" + factor.code(), this.onward);
		return true;
	}

	/**
	 * A passkey was right, on the sign-in page, as the second factor, or to confirm access: it
	 * is enough on its own. Spring Security's passkey filter calls this in place of its own
	 * success handler, so that the session holds the same principal as after a password.
	 */
	public void passkeyAccepted(HttpServletRequest request, HttpServletResponse response, Authentication passkey)
			throws IOException, ServletException {
		PendingSignIn.clear(request.getSession());
		Optional<Authentication> authentication = this.accounts.idOf(passkey.getName())
			.filter((accountId) -> localSignInAllowed(passkey.getName()))
			.flatMap((accountId) -> signIn(request, response, accountId));
		if (authentication.isEmpty()) {
			// Suspended: the passkey filter saved its authentication already; take it back.
			SecurityContextHolder.clearContext();
			this.contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		finish(request, response, authentication.get(), "passkey", this.onwardAsJson);
	}

	/**
	 * Whether a password or passkey may sign this account in: always, unless the identity
	 * providers are the only door; then only for the first admin, the way in when they are down.
	 */
	private boolean localSignInAllowed(String username) {
		if (this.accountSettings.localSignIn()) {
			return true;
		}
		String firstAdmin = (this.admin.username() != null && !this.admin.username().isBlank()) ? this.admin.username()
				: "admin";
		return firstAdmin.equalsIgnoreCase(username);
	}

	/** Puts the account's principal in the session under a new session id; empty if it is suspended. */
	private Optional<Authentication> signIn(HttpServletRequest request, HttpServletResponse response, long accountId) {
		Optional<Account> account = this.accounts.findById(accountId).filter((found) -> !found.suspended());
		if (account.isEmpty()) {
			return Optional.empty();
		}
		SignedInUser user = AccountUserDetailsService.principal(account.get(), "");
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return Optional.of(authentication);
	}

	private void finish(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
			String method, AuthenticationSuccessHandler next) throws IOException, ServletException {
		SignedInUser user = (SignedInUser) authentication.getPrincipal();
		this.sudoMode.grant(request.getSession());
		SignedInSessions.signedIn(request);
		this.audit.record(SecurityAction.SIGN_IN, user.accountId(), null, Map.of("method", method),
				Origin.currentAs(user.getUsername()));
		next.onAuthenticationSuccess(request, response, authentication);
	}

}
