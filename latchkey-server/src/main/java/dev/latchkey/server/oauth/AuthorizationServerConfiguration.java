package dev.latchkey.server.oauth;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.web.NoStore;

/**
 * The OAuth 2 / OpenID Connect server: Spring Authorization Server with Latchkey's hashed
 * stores, token formats, introspection and revocation for every token, and metadata that
 * lists exactly what is supported.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	/** The client authentication methods Latchkey's apps use; metadata lists no others. */
	private static final List<String> CLIENT_AUTH_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());

	private static final List<String> ENDPOINT_AUTH_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

	/** RFC 7591 dynamic client registration. */
	static final String REGISTRATION_ENDPOINT = "/oauth2/register";

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
			AuthorizationGrantType.DEVICE_CODE.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

	@Bean
	@Order(0)
	SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
			HashedOAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			OAuth2TokenGenerator<?> tokenGenerator, TokenIntrospector introspector, TokenFormat format,
			PersonalTokenRevoker personalTokens, UserInfoMapper userInfo, LocalAccessTokenIntrospector localTokens,
			OAuthScopes scopes, OAuthProperties properties, SudoMode sudoMode, Clock clock, DeviceThrottle deviceThrottle,
			ResourceIndicators resources, OAuthAppService apps, ClientRegistrationSettings registration,
			RateLimiter rateLimiter, ThrottleProperties throttle, TokenAuthenticator tokenChecks, AuditLog audit) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		TokenExchange tokenExchange = new TokenExchange(tokenChecks, resources, scopes, authorizations, format, clock,
				audit);
		ClientSecretHashes secretHashes = new ClientSecretHashes();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (as) -> as.registeredClientRepository(clients)
				.authorizationService(authorizations)
				.authorizationConsentService(consents)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication((clientAuth) -> clientAuth
					.authenticationConverters((converters) -> converters.add(new PublicDeviceClients.Converter()))
					.authenticationProviders((providers) -> {
						providers.forEach((provider) -> {
							if (provider instanceof ClientSecretAuthenticationProvider secrets) {
								secrets.setPasswordEncoder(secretHashes);
							}
						});
						// First, so the server's PKCE provider never sees a device-flow client.
						providers.add(0, new PublicDeviceClients.Provider(clients));
					}))
				.authorizationEndpoint((endpoint) -> endpoint.consentPage("/oauth2/consent")
					.authorizationResponseHandler(AuthorizationResponses::success)
					.errorResponseHandler(AuthorizationResponses::failure)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
							codeRequests.setAuthorizationConsentRequired(ConsentRules::codeFlowNeedsConsent);
							codeRequests.setAuthenticationValidator(
									new OAuth2AuthorizationCodeRequestAuthenticationValidator().andThen(resources::validate));
						}
					})))
				.tokenEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.replaceAll((provider) -> (provider instanceof OAuth2DeviceCodeAuthenticationProvider)
							? new DevicePollingGuard(provider, clock, properties.deviceCodeTimeToLive()) : provider);
					// Latchkey's exchange knows personal access tokens too; Spring's knows only OAuth grants.
					providers.removeIf(OAuth2TokenExchangeAuthenticationProvider.class::isInstance);
					providers.add(tokenExchange);
				}))
				.clientRegistrationEndpoint((endpoint) -> endpoint.openRegistrationAllowed(true)
					.authenticationProviders((providers) -> {
						// Latchkey's rules replace Spring's, which would store the client in its own format.
						providers.clear();
						providers.add(new DynamicRegistration(apps, registration, scopes));
					})
					.errorResponseHandler(DynamicRegistration::writeError))
				.deviceAuthorizationEndpoint((endpoint) -> endpoint.verificationUri("/device")
					.authenticationProviders((providers) -> providers
						.replaceAll((provider) -> (provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider)
								? new DeviceResources(provider, resources, authorizations) : provider)))
				.deviceVerificationEndpoint((endpoint) -> endpoint.consentPage("/oauth2/consent")
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider verifications) {
							// Even an app approved before: a link from someone else must not connect their device.
							verifications.setAuthorizationConsentRequired((context) -> true);
						}
					}))
					.deviceVerificationResponseHandler(new SimpleUrlAuthenticationSuccessHandler("/device?success"))
					.errorResponseHandler(
							deviceThrottle.countingFailures(new SimpleUrlAuthenticationFailureHandler("/device?error"))))
				.tokenIntrospectionEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.removeIf(OAuth2TokenIntrospectionAuthenticationProvider.class::isInstance);
					providers.add(new IntrospectionProvider(introspector));
				}))
				.tokenRevocationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.removeIf(OAuth2TokenRevocationAuthenticationProvider.class::isInstance);
					providers.add(new RevocationProvider(format, personalTokens, authorizations));
				}))
				.authorizationServerMetadataEndpoint((metadata) -> metadata
					.authorizationServerMetadataCustomizer(
							(claims) -> claims.claims((map) -> onlySupported(map, scopes, registration))))
				.oidc((oidc) -> oidc.userInfoEndpoint((endpoint) -> endpoint.userInfoMapper(userInfo))
					.providerConfigurationEndpoint((endpoint) -> endpoint
						.providerConfigurationCustomizer(
								(claims) -> claims.claims((map) -> onlySupported(map, scopes, registration))))))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, REGISTRATION_ENDPOINT)
				.permitAll()
				.anyRequest()
				.authenticated())
			// The server's userinfo endpoint sets up JWT bearer tokens; Latchkey's are opaque, so
			// the JWT slot is given a manager that checks them in process instead of a decoder.
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt
				.authenticationManager(new ProviderManager(new OpaqueTokenAuthenticationProvider(localTokens)))))
			.addFilterBefore(new SelfRevocationFilter(format, personalTokens), AbstractPreAuthenticatedProcessingFilter.class)
			// Before client authentication and the endpoints, so a throttled request costs nothing.
			.addFilterBefore(deviceThrottle.filter(), AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new OAuthRequestBudget(rateLimiter, "client-registration",
					throttle.clientRegistrationsPerAddressPerHour(), "client registrations")
				.filter(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, REGISTRATION_ENDPOINT)),
					AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(ConsentGuard.csrf(), AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new ConsentGuard(authorizations, sudoMode), AbstractPreAuthenticatedProcessingFilter.class)
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
				.defaultAuthenticationEntryPointFor(AuthorizationServerConfiguration::invalidClient, clientEndpoints()));
		return http.build();
	}

	/** The endpoints a client authenticates to; without credentials it gets RFC 6749's {@code invalid_client}. */
	private static RequestMatcher clientEndpoints() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher("/oauth2/token"), paths.matcher("/oauth2/introspect"),
				paths.matcher("/oauth2/revoke"), paths.matcher("/oauth2/device_authorization"));
	}

	private static void invalidClient(jakarta.servlet.http.HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws java.io.IOException {
		response.setStatus(401);
		response.setHeader("WWW-Authenticate", "Basic realm=\"latchkey\"");
		NoStore.on(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
	}

	/** Requests that ask for HTML by name; a client that accepts anything is not sent to the sign-in page. */
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
		return html;
	}

	/** Metadata lists exactly what Latchkey supports (RFC 8414): nothing Spring offers that apps can't use. */
	private static void onlySupported(java.util.Map<String, Object> claims, OAuthScopes scopes,
			ClientRegistrationSettings registration) {
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, scopes.names());
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED, CLIENT_AUTH_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED, GRANT_TYPES);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				ENDPOINT_AUTH_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				ENDPOINT_AUTH_METHODS);
		claims.put("authorization_response_iss_parameter_supported", true);
		if (registration.current().open()) {
			claims.put(OAuth2AuthorizationServerMetadataClaimNames.REGISTRATION_ENDPOINT,
					claims.get(OAuth2AuthorizationServerMetadataClaimNames.ISSUER) + REGISTRATION_ENDPOINT);
			claims.put("client_id_metadata_document_supported", true);
		}
		else {
			claims.remove(OAuth2AuthorizationServerMetadataClaimNames.REGISTRATION_ENDPOINT);
		}
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.remove("pushed_authorization_request_endpoint");
		claims.remove("require_pushed_authorization_requests");
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(OAuthProperties properties) {
		// Apps send users to /device (the verification_uri), a page that only fills the code in; the
		// endpoint that takes the code and the consent is behind it.
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder()
			.deviceVerificationEndpoint(ConsentGuard.DEVICE_VERIFICATION);
		if (properties.issuer() != null) {
			settings.issuer(properties.issuer());
		}
		return settings.build();
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients, AuditLog audit, AccountStore accounts) {
		return new AuditedConsentService(new JdbcOAuth2AuthorizationConsentService(jdbc, clients), audit, accounts);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		// Read as they are asked for: a rotation on any node reaches this one within a minute.
		return (selector, context) -> selector.select(keys.published());
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, TokenFormat format, Clock clock,
			ResourceIndicators resources, SigningKeys keys) {
		JwtGenerator idTokens = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
		// Several keys are published during a rotation; the one whose time has come signs.
		idTokens.setJwtCustomizer((context) -> context.getJwsHeader().keyId(keys.signingKeyId()));
		return new DelegatingOAuth2TokenGenerator(idTokens,
				new LatchkeyTokenGenerators.AccessTokens(format, clock, resources),
				new LatchkeyTokenGenerators.RefreshTokens(format, clock));
	}

}
