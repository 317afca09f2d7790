package dev.latchkey.server.oauth;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Public clients in the device flow. Spring Authorization Server authenticates a public
 * client only by PKCE, which the device flow has none of, and leaves this to the
 * application: a CLI that can't keep a secret identifies itself by {@code client_id} on the
 * device authorization request, when it polls the token endpoint with its device code, and
 * when it renews its login with its refresh token. The device code or the refresh token
 * itself is the proof (refresh tokens rotate, and a reused one ends the grant, as OAuth 2.1
 * asks of public clients); nothing else is accepted this way.
 */
final class PublicDeviceClients {

	private PublicDeviceClients() {
	}

	/** A device-flow request from a public client, not yet authenticated. */
	static final class Token extends OAuth2ClientAuthenticationToken {

		private static final long serialVersionUID = 1L;

		Token(String clientId) {
			super(clientId, ClientAuthenticationMethod.NONE, null, null);
		}

	}

	/** Reads {@code client_id} from device-flow requests that carry no other credentials. */
	static final class Converter implements AuthenticationConverter {

		@Override
		public @Nullable Authentication convert(HttpServletRequest request) {
			if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
				return null;
			}
			boolean deviceAuthorization = "/oauth2/device_authorization".equals(request.getServletPath());
			String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
			boolean devicePoll = "/oauth2/token".equals(request.getServletPath())
					&& (AuthorizationGrantType.DEVICE_CODE.getValue().equals(grantType)
							|| AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType));
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (!(deviceAuthorization || devicePoll) || clientIds == null) {
				return null;
			}
			if (clientIds.length != 1 || clientIds[0].isBlank()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			return new Token(clientIds[0]);
		}

	}

	/** Accepts the client if it is registered as public and may use the device flow. */
	static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			String clientId = authentication.getPrincipal().toString();
			RegisteredClient client = this.clients.findByClientId(clientId);
			if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return Token.class.isAssignableFrom(authentication);
		}

	}

}
