package dev.latchkey.server.oauth;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;

/**
 * RFC 8707 on the device flow: the {@code resource} a device asks for is checked as the
 * authorization endpoint checks it, and kept with the new device authorization, which Spring's
 * provider saves without its parameters, so the token the device gets is bound to it.
 */
final class DeviceResources implements AuthenticationProvider {

	private final AuthenticationProvider deviceAuthorizations;

	private final ResourceIndicators resources;

	private final OAuth2AuthorizationService authorizations;

	DeviceResources(AuthenticationProvider deviceAuthorizations, ResourceIndicators resources,
			OAuth2AuthorizationService authorizations) {
		this.deviceAuthorizations = deviceAuthorizations;
		this.resources = resources;
		this.authorizations = authorizations;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		var request = (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
		Set<String> requested = ResourceIndicators.requested(request.getAdditionalParameters());
		this.resources.requireKnown(requested);
		var result = (OAuth2DeviceAuthorizationRequestAuthenticationToken) this.deviceAuthorizations
			.authenticate(authentication);
		if (result == null || requested.isEmpty() || result.getDeviceCode() == null) {
			return result;
		}
		OAuth2Authorization saved = this.authorizations.findByToken(result.getDeviceCode().getTokenValue(),
				new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE));
		if (saved != null) {
			this.authorizations.save(OAuth2Authorization.from(saved)
				.attribute(ResourceIndicators.ATTRIBUTE, String.join(" ", requested))
				.build());
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2DeviceAuthorizationRequestAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
