package dev.latchkey.server.passkey;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.PagesChainCustomizer;
import dev.latchkey.server.account.SignIns;
import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.mail.MailProperties;

/**
 * Spring Security's WebAuthn endpoints on the pages' chain, over the database: options and
 * ceremonies at {@code /webauthn/**}, sign-in at {@code /login/webauthn}. Its own registration
 * page is off (the security settings have one), and a passkey sign-in ends in {@link SignIns}
 * like any other.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	/** Adding or removing a passkey, which needs sudo mode as it does on GitHub. */
	private static final RequestMatcher REGISTRATION = PathPatternRequestMatcher.withDefaults()
		.matcher("/webauthn/register/**");

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, PublicKeyCredentialUserEntityRepository users,
			AccountStore accounts, AuditLog audit) {
		return new AuditedUserCredentials(new JdbcUserCredentialRepository(jdbc), users, accounts, audit);
	}

	@Bean
	RelyingParty relyingParty(PasskeyProperties properties, MailProperties mail) {
		return RelyingParty.of(properties, mail.baseUrl());
	}

	@Bean
	WebAuthnRelyingPartyOperations passkeyOperations(PublicKeyCredentialUserEntityRepository users,
			UserCredentialRepository credentials, RelyingParty relyingParty) {
		return new Webauthn4JRelyingPartyOperations(users, credentials,
				PublicKeyCredentialRpEntity.builder().id(relyingParty.id()).name("Latchkey").build(),
				relyingParty.origins());
	}

	@EventListener
	void started(WebServerInitializedEvent event) {
		// Only the main server's port; the management server, if separate, serves no pages.
		if (event.getApplicationContext().getServerNamespace() == null) {
			event.getApplicationContext().getBean(RelyingParty.class).serverStarted(event.getWebServer().getPort());
		}
	}

	@Bean
	PagesChainCustomizer passkeyEndpoints(SignIns signIns, SudoMode sudoMode) {
		return (http) -> {
			http.webAuthn((webAuthn) -> webAuthn.disableDefaultRegistrationPage(true)
				.creationOptionsRepository(new SessionCreationOptions())
				.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {

					@Override
					public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationSuccessHandler(signIns::passkeyAccepted);
						return filter;
					}

				}));
			http.addFilterBefore(sudoForRegistration(sudoMode), AuthorizationFilter.class);
		};
	}

	private static OncePerRequestFilter sudoForRegistration(SudoMode sudoMode) {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (REGISTRATION.matches(request) && !sudoMode.isActive(request.getSession())) {
					response.sendError(HttpServletResponse.SC_FORBIDDEN, "Confirm access first");
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

}
