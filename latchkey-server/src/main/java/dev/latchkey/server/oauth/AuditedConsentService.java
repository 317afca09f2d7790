package dev.latchkey.server.oauth;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;

/**
 * Logs a user authorising an OAuth App (a consent given or widened) and revoking it.
 */
class AuditedConsentService implements OAuth2AuthorizationConsentService {

	private final OAuth2AuthorizationConsentService consents;

	private final AuditLog audit;

	private final AccountStore accounts;

	AuditedConsentService(OAuth2AuthorizationConsentService consents, AuditLog audit, AccountStore accounts) {
		this.consents = consents;
		this.audit = audit;
		this.accounts = accounts;
	}

	@Override
	public void save(OAuth2AuthorizationConsent consent) {
		OAuth2AuthorizationConsent previous = findById(consent.getRegisteredClientId(), consent.getPrincipalName());
		this.consents.save(consent);
		if (previous == null || !previous.getAuthorities().containsAll(consent.getAuthorities())) {
			record(SecurityAction.OAUTH_APP_AUTHORIZED, consent);
		}
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		this.consents.remove(consent);
		record(SecurityAction.OAUTH_APP_REVOKED, consent);
	}

	@Override
	public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return this.consents.findById(registeredClientId, principalName);
	}

	private void record(SecurityAction action, OAuth2AuthorizationConsent consent) {
		Long accountId = this.accounts.findByUsername(consent.getPrincipalName()).map(Account::id).orElse(null);
		this.audit.record(action, accountId, null, Map.of("client_id", consent.getRegisteredClientId(), "scopes",
				String.join(" ", consent.getScopes())));
	}

}
