package dev.latchkey.server.federation;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.PagesChainCustomizer;

/** Sign-in through the configured providers, on the pages' chain; nothing when none is configured. */
@Component
class FederationChainCustomizer implements PagesChainCustomizer {

	private final ProviderRegistrations providers;

	private final FederatedSignIn signIn;

	FederationChainCustomizer(ProviderRegistrations providers, FederatedSignIn signIn) {
		this.providers = providers;
		this.signIn = signIn;
	}

	@Override
	public void customize(HttpSecurity http) throws Exception {
		if (!this.providers.any()) {
			return;
		}
		http.oauth2Login((login) -> login.loginPage("/login")
			.clientRegistrationRepository(this.providers)
			.successHandler(this.signIn::accepted)
			.failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?provider_error")));
	}

}
