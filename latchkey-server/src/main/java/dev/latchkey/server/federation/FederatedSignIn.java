package dev.latchkey.server.federation;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountSignedUp;
import dev.latchkey.server.account.AccountsProperties;
import dev.latchkey.server.account.SignIns;
import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;

/**
 * Where a provider's sign-in ends: the account linked to the provider's user, or, the first
 * time and while sign-up is open, a new account made from what the provider says. An account
 * is found only by the provider's subject, never by an email address, which would let whoever
 * controls an address at the provider into someone else's account. Then it goes on as a
 * password sign-in does, to the second factor when the account has one.
 */
@Component
class FederatedSignIn {

	private final ProviderRegistrations providers;

	private final LinkedIdentities identities;

	private final AccountService accounts;

	private final AccountsProperties accountSettings;

	private final SignIns signIns;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionOperations transaction;

	private final Clock clock;

	private final SudoMode sudoMode;

	FederatedSignIn(ProviderRegistrations providers, LinkedIdentities identities, AccountService accounts,
			AccountsProperties accountSettings, SignIns signIns, AuditLog audit, ApplicationEventPublisher events,
			TransactionOperations transaction, Clock clock, SudoMode sudoMode) {
		this.sudoMode = sudoMode;
		this.providers = providers;
		this.identities = identities;
		this.accounts = accounts;
		this.accountSettings = accountSettings;
		this.signIns = signIns;
		this.audit = audit;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	void accepted(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		var token = (OAuth2AuthenticationToken) authentication;
		String providerId = token.getAuthorizedClientRegistrationId();
		OAuth2User user = token.getPrincipal();
		// Spring kept the provider's user as the session's; Latchkey's own account takes its place.
		SecurityContextHolder.clearContext();
		if (request.getSession().getAttribute(SudoThroughProvider.CONFIRMING) instanceof SudoThroughProvider.Confirming
				confirming) {
			request.getSession().removeAttribute(SudoThroughProvider.CONFIRMING);
			confirmAccess(request, response, confirming, providerId, user);
			return;
		}
		if (request.getSession().getAttribute(IdentityLinkController.LINKING) instanceof Long owner) {
			request.getSession().removeAttribute(IdentityLinkController.LINKING);
			link(request, response, owner, providerId, user);
			return;
		}
		Optional<Long> account = this.identities.accountOf(providerId, user.getName(), this.clock.instant());
		if (account.isEmpty()) {
			if (this.accountSettings.signUp() != AccountsProperties.SignUp.OPEN) {
				response.sendRedirect(request.getContextPath() + "/login?provider_unknown");
				return;
			}
			account = Optional.of(createAndLink(providerId, user));
		}
		this.signIns.identityProviderAccepted(request, response, account.get(), providerId);
	}

	/** Back from confirming access at the provider: sudo mode, if the linked account there is the one that signed in. */
	private void confirmAccess(HttpServletRequest request, HttpServletResponse response,
			SudoThroughProvider.Confirming confirming, String providerId, OAuth2User user) throws IOException {
		this.signIns.resume(request, response, confirming.accountId());
		Optional<Long> linked = this.identities.linkedAccount(providerId, user.getName());
		if (!providerId.equals(confirming.providerId()) || linked.isEmpty() || linked.get() != confirming.accountId()) {
			response.sendRedirect(request.getContextPath() + "/sudo?provider_mismatch&continue="
					+ java.net.URLEncoder.encode(confirming.continuePath(), java.nio.charset.StandardCharsets.UTF_8));
			return;
		}
		this.sudoMode.grant(request.getSession());
		response.sendRedirect(request.getContextPath() + confirming.continuePath());
	}

	/** The signed-in owner came back from the provider: that identity now signs in to their account. */
	private void link(HttpServletRequest request, HttpServletResponse response, long owner, String providerId,
			OAuth2User user) throws IOException {
		this.signIns.resume(request, response, owner);
		Optional<Long> linked = this.identities.linkedAccount(providerId, user.getName());
		if (linked.isPresent() && linked.get() != owner) {
			response.sendRedirect(request.getContextPath() + "/settings/security?link_taken");
			return;
		}
		if (linked.isEmpty()) {
			String suggested = text(user.getAttributes().get(usernameClaim(providerId)));
			this.transaction.executeWithoutResult((status) -> {
				this.identities.link(providerId, user.getName(), owner, suggested, this.clock.instant());
				this.audit.record(SecurityAction.IDENTITY_LINKED, owner, null, Map.of("provider", providerId));
			});
		}
		response.sendRedirect(request.getContextPath() + "/settings/security?linked");
	}

	private String usernameClaim(String providerId) {
		return this.providers.provider(providerId)
			.map(IdentityProviderProperties.Provider::usernameClaim)
			.orElse("preferred_username");
	}

	private long createAndLink(String providerId, OAuth2User user) {
		String suggested = text(user.getAttributes().get(usernameClaim(providerId)));
		String email = text(user.getAttributes().get("email"));
		boolean verified = Boolean.TRUE.equals(user.getAttributes().get("email_verified"));
		Account account = this.transaction.execute((status) -> {
			Account created = this.accounts.createFromProvider(suggested, email, verified);
			this.identities.link(providerId, user.getName(), created.id(), suggested, this.clock.instant());
			this.audit.record(SecurityAction.IDENTITY_LINKED, created.id(), null,
					Map.of("provider", providerId, "new_account", "true"));
			return created;
		});
		if (account.email() != null && !verified) {
			this.events.publishEvent(new AccountSignedUp(account));
		}
		return account.id();
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value == null) ? null : value.toString();
	}

}
