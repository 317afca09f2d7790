package dev.latchkey.server.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;


import dev.latchkey.client.dpop.DPoPProofVerifier;
import dev.latchkey.client.servlet.ProblemResponses;
import dev.latchkey.client.servlet.ResourceMetadataChallenge;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.config.Issuer;
import dev.latchkey.server.ratelimit.RateLimitProperties;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * Security of the REST API: stateless, token-only, no cookies and so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, TokenAuthenticator authenticator, ScopeCatalogue scopes,
			RateLimiter rateLimiter, RateLimitProperties rateLimits, Issuer issuer, DPoPProofVerifier proofs) {
		// Built here rather than declared as a bean, so the servlet container doesn't also run it on every request.
		ApiTokenFilter tokenFilter = new ApiTokenFilter(authenticator, scopes, rateLimiter, rateLimits, issuer, proofs);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/meta")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/credentials/revoke")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterAt(tokenFilter, BasicAuthenticationFilter.class)
			// First, so every challenge, from any filter or controller, points to the API's metadata.
			.addFilterBefore(new ResourceMetadataChallenge(
					(request) -> ProtectedResourceMetadataController.metadataUrl(issuer, request)),
					SecurityContextHolderFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> ProblemResponses.invalidToken(response,
						"This endpoint needs a token: send Authorization: Bearer <token>."))
				.accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, 403, "Forbidden",
						"Access denied.", "access_denied")));
		return http.build();
	}

}
