package dev.latchkey.server.federation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;


/**
 * The configured providers as Spring Security's client registrations. An OpenID Connect
 * provider's addresses come from its discovery document, read when it is first used rather
 * than at start, so Latchkey starts while a provider is down.
 */
@Component
class ProviderRegistrations implements ClientRegistrationRepository {

	private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

	private final Map<String, IdentityProviderProperties.Provider> providers;

	private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

	ProviderRegistrations(IdentityProviderProperties properties) {
		this.providers = properties.identityProviders()
			.stream()
			.map(IdentityProviderProperties.Provider::withPreset)
			.collect(java.util.stream.Collectors.toMap(IdentityProviderProperties.Provider::id, Function.identity(),
					(first, second) -> first, java.util.LinkedHashMap::new));
	}

	boolean any() {
		return !this.providers.isEmpty();
	}

	Optional<IdentityProviderProperties.Provider> provider(String id) {
		return Optional.ofNullable(this.providers.get(id));
	}

	List<IdentityProviderProperties.Provider> all() {
		return List.copyOf(this.providers.values());
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		IdentityProviderProperties.Provider provider = this.providers.get(registrationId);
		if (provider == null) {
			return null;
		}
		try {
			return this.resolved.computeIfAbsent(registrationId, (id) -> registration(provider));
		}
		catch (RuntimeException ex) {
			// Not cached: the next sign-in tries the provider again.
			log.warn("Identity provider {} can't be reached: {}", registrationId, ex.getMessage());
			return null;
		}
	}

	static ClientRegistration registration(IdentityProviderProperties.Provider provider) {
		ClientRegistration.Builder builder;
		if (provider.issuerUri() != null) {
			builder = ClientRegistrations.fromIssuerLocation(provider.issuerUri())
				.scope(provider.scopes().isEmpty() ? List.of("openid", "profile", "email") : provider.scopes());
		}
		else {
			builder = ClientRegistration.withRegistrationId(provider.id())
				.authorizationUri(provider.authorizationUri())
				.tokenUri(provider.tokenUri())
				.userInfoUri(provider.userInfoUri())
				.userNameAttributeName(provider.subjectClaim())
				.scope(provider.scopes());
		}
		return builder.registrationId(provider.id())
			.clientName(provider.name())
			.clientId(provider.clientId())
			.clientSecret(provider.clientSecret())
			.clientAuthenticationMethod((provider.clientSecret() != null) ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
					: ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.build();
	}

}
