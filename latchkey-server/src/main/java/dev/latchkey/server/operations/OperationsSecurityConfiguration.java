package dev.latchkey.server.operations;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.latchkey.client.servlet.ProblemResponses;
import dev.latchkey.server.check.TokenAuthenticator;

/**
 * Security of the Actuator endpoints: health probes open, so a load balancer reaches them;
 * info open too, since it says no more than {@code /api/v1/meta} (the build's name, version
 * and time); metrics, which tell who uses the service how much, for admins and Prometheus only.
 * Stateless like the API: a scraper keeps no session.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurityConfiguration {

	@Bean
	@Order(2)
	SecurityFilterChain operations(HttpSecurity http, TokenAuthenticator authenticator, MetricsProperties metrics) {
		RequestMatcher open = EndpointRequest.to("health", "info");
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(open).permitAll().anyRequest().authenticated())
			.addFilterAt(new MetricsCallerFilter(authenticator, metrics, open), BasicAuthenticationFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response,
					ex) -> ProblemResponses.invalidToken(response,
							"Metrics need an admin's token with the admin scope, or the scrape token: send Authorization: Bearer <token>.")));
		return http.build();
	}

}
