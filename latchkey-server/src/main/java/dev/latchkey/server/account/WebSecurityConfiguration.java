package dev.latchkey.server.account;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import dev.latchkey.server.web.ContentSecurityPolicy;

/**
 * Security of the pages: form sign-in with a session cookie, CSRF tokens on every form.
 * The REST API has its own chain, ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * No per-filter observations: wrapping each of the dozen security filters of every request
	 * in an observation costs more than the token check itself. Requests are still timed as
	 * {@code http.server.requests}, and token checks as {@code latchkey.token.checks}.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	@Order(10)
	SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository contextRepository, SignIns signIns,
			SignInThrottle signInThrottle, List<PagesChainCustomizer> customizers) throws Exception {
		http.securityContext((context) -> context.securityContextRepository(contextRepository))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/", "/signup", "/login", SignIns.SECOND_FACTOR_PAGE, "/password_reset", "/password_reset/*", "/verify_email/*", "/error", "/css/**", "/js/**", "/favicon.ico", "/v3/api-docs/**",
						"/api-docs", "/swagger-ui/**", "/calendar/*.ics", "/.well-known/oauth-protected-resource/**")
				.permitAll()
				.requestMatchers("/admin", "/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login").successHandler(signIns::passwordAccepted).permitAll())
			// In front of the form login, so a throttled sign-in costs no password hash.
			.addFilterBefore(signInThrottle.filter(), UsernamePasswordAuthenticationFilter.class)
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(ContentSecurityPolicy.DEFAULT))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		for (PagesChainCustomizer customizer : customizers) {
			customizer.customize(http);
		}
		return http.build();
	}

}
