package dev.latchkey.spring;

import java.io.IOException;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import dev.latchkey.client.ProtectedResource;
import dev.latchkey.client.dpop.ReplayGuard;
import dev.latchkey.client.servlet.ProblemResponses;
import dev.latchkey.client.servlet.ResourceMetadataChallenge;

/**
 * Applies Latchkey token authentication to an API's {@link HttpSecurity}: stateless, no
 * cookies and so no CSRF, tokens read as the Latchkey server reads them, and the same
 * {@code 401}, {@code 403} and {@code 503} answers. Use it in your own security chain with
 * {@code http.with(LatchkeyResourceServer.using(introspector), Customizer.withDefaults())};
 * without a chain of your own the starter applies it to every request.
 * <p>
 * The API describes itself as RFC 9728 protected-resource metadata at
 * {@code /.well-known/oauth-protected-resource} (and under its resource's path), and every
 * {@code Bearer} challenge points there, so an OAuth client such as an AI agent that meets a
 * {@code 401} finds the Latchkey server to ask for a token.
 * <p>
 * A DPoP-bound token (RFC 9449; Latchkey's introspection says {@code cnf.jkt}) is checked by
 * Spring Security's own DPoP support: sent as {@code Authorization: DPoP} with a proof, the proof
 * must be fresh, for this request and token, and signed by the bound key; sent as a bearer
 * token, it is refused.
 */
public final class LatchkeyResourceServer extends AbstractHttpConfigurer<LatchkeyResourceServer, HttpSecurity> {

	private final OpaqueTokenIntrospector introspector;

	private @Nullable String authorizationServer;

	private @Nullable String resource;

	private List<String> scopes = List.of();

	private @Nullable ReplayGuard dpopReplays;

	private LatchkeyResourceServer(OpaqueTokenIntrospector introspector) {
		this.introspector = introspector;
	}

	public static LatchkeyResourceServer using(OpaqueTokenIntrospector introspector) {
		return new LatchkeyResourceServer(introspector);
	}

	/**
	 * What the API's protected-resource metadata says.
	 * @param authorizationServer the Latchkey server that issues its tokens
	 * @param resource the API's URL, its resource identifier; {@code null} for the address it is reached at
	 * @param scopes the scopes it knows
	 */
	public LatchkeyResourceServer metadata(URI authorizationServer, @Nullable URI resource, List<String> scopes) {
		this.authorizationServer = authorizationServer.toString().replaceAll("/$", "");
		this.resource = (resource != null) ? resource.toString() : null;
		this.scopes = List.copyOf(scopes);
		return this;
	}

	/**
	 * A store of DPoP proofs every node of the API shares, so that a proof used at one node is
	 * refused at the others too; without one, each node remembers the proofs it saw itself.
	 */
	public LatchkeyResourceServer dpopReplays(ReplayGuard replays) {
		this.dpopReplays = replays;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.opaqueToken((opaque) -> opaque.introspector(this.introspector))
				.bearerTokenResolver(new LatchkeyBearerTokenResolver())
				.authenticationEntryPoint((request, response, ex) -> {
					String detail = (request.getHeader("Authorization") == null)
							? "This endpoint needs a token: send Authorization: Bearer <token>."
							: (ex instanceof InvalidBearerTokenException invalid) ? invalid.getMessage()
									: "The token is unknown, expired or revoked.";
					ProblemResponses.invalidToken(response, detail);
				})
				.accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, 403, "Forbidden",
						"Access denied.", "access_denied"))
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((claims) -> {
					if (this.resource != null) {
						claims.resource(this.resource);
					}
					if (this.authorizationServer != null) {
						claims.authorizationServer(this.authorizationServer);
					}
					claims.scopes((names) -> names.addAll(this.scopes));
					// Latchkey's tokens aren't bound to client certificates.
					claims.claims((all) -> all.remove("tls_client_certificate_bound_access_tokens"));
				})))
			.exceptionHandling(Customizer.withDefaults());
	}

	@Override
	public void configure(HttpSecurity http) {
		http.addFilterBefore(new ResourceMetadataChallenge(this::metadataUrl), SecurityContextHolderFilter.class);
		http.addFilterBefore(new Unavailable(), BearerTokenAuthenticationFilter.class);
		// After every way in (bearer and DPoP), before authorization; the shared replay check first,
		// so a replayed proof gets nothing but the refusal.
		if (this.dpopReplays != null) {
			http.addFilterBefore(new SharedDPoPReplays(this.dpopReplays), AuthorizationFilter.class);
		}
		http.addFilterBefore(new TokenHeaders(), AuthorizationFilter.class);
	}

	/** Where this API's metadata is: under its resource's path, or at the root of the address it was reached at. */
	private String metadataUrl(HttpServletRequest request) {
		if (this.resource != null) {
			return ProtectedResource.metadataUrl(this.resource);
		}
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath(request.getContextPath() + ProtectedResource.METADATA_PATH)
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	/** Latchkey couldn't be asked: {@code 503}, never a pass and never a {@code 500}. */
	private static final class Unavailable extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			catch (AuthenticationServiceException ex) {
				SecurityContextHolder.clearContext();
				ProblemResponses.unavailable(response);
			}
		}

	}

	/** {@code X-OAuth-Scopes} and {@code Latchkey-Token-Expiration}, as the server sends them. */
	private static final class TokenHeaders extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal caller) {
				response.setHeader("X-OAuth-Scopes", String.join(", ", caller.token().scopes().stream().sorted().toList()));
				if (caller.token().expiresAt() != null) {
					response.setHeader("Latchkey-Token-Expiration",
							DateTimeFormatter.ISO_INSTANT.format(caller.token().expiresAt()));
				}
			}
			chain.doFilter(request, response);
		}

	}

}
