package dev.latchkey.server.federation;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
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
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(this.providers,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		// To confirm access, the provider is asked to have the user sign in again, not to wave them through.
		requests.setAuthorizationRequestCustomizer((request) -> {
			if (SudoThroughProvider.current() != null) {
				request.additionalParameters((parameters) -> {
					parameters.put("prompt", "login");
					parameters.put("max_age", "0");
				});
			}
		});
		http.oauth2Login((login) -> login.loginPage("/login")
			// An unknown provider, or one that can't be reached for its discovery document, is a
			// message on the sign-in page, not Spring's 500.
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {

				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler("/login?provider_error"));
					return filter;
				}

			})
			.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(requests))
			.clientRegistrationRepository(this.providers)
			.successHandler(this.signIn::accepted)
			.failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?provider_error")));
	}

}
