package dev.latchkey.spring;

import java.net.URI;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.latchkey.client.CachingIntrospector;
import dev.latchkey.client.IntrospectionClient;
import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.dpop.ReplayGuard;

/**
 * Protects a Spring Boot API with Latchkey tokens once {@code latchkey.client.issuer-url},
 * {@code client-id} and {@code client-secret} are set. The app those name must be a resource
 * server (an admin ticks "Resource server" on its admin page) to introspect every user's tokens.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnProperty(prefix = "latchkey.client", name = "issuer-url")
@EnableConfigurationProperties(LatchkeyClientProperties.class)
public class LatchkeyClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachingIntrospector latchkeyIntrospector(LatchkeyClientProperties properties, ObjectProvider<Clock> clock) {
		URI issuer = properties.issuerUrl();
		if (issuer == null || properties.clientId() == null || properties.clientSecret() == null) {
			throw new IllegalStateException(
					"Set latchkey.client.issuer-url, latchkey.client.client-id and latchkey.client.client-secret");
		}
		IntrospectionClient client = new IntrospectionClient(IntrospectionClient.endpointOf(issuer),
				properties.clientId(), properties.clientSecret(), properties.timeout());
		return CachingIntrospector.wrapping(client)
			.format(new TokenFormat(properties.tokenPrefix()))
			.ttl(properties.cache().ttl())
			.negativeTtl(properties.cache().negativeTtl())
			.maximumSize(properties.cache().maximumSize())
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	OpaqueTokenIntrospector latchkeyOpaqueTokenIntrospector(CachingIntrospector introspector,
			LatchkeyClientProperties properties) {
		return new LatchkeyOpaqueTokenIntrospector(introspector,
				(properties.resource() != null) ? properties.resource().toString() : null);
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain latchkeyResourceServer(HttpSecurity http, OpaqueTokenIntrospector introspector,
			LatchkeyClientProperties properties, ObjectProvider<ReplayGuard> dpopReplays) {
		LatchkeyResourceServer latchkey = LatchkeyResourceServer.using(introspector);
		dpopReplays.ifAvailable(latchkey::dpopReplays);
		if (properties.issuerUrl() != null) {
			latchkey.metadata(properties.issuerUrl(), properties.resource(), properties.scopes());
		}
		http.with(latchkey, Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	WebMvcConfigurer latchkeyScopes() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new ScopeInterceptor());
			}
		};
	}

}
