package dev.latchkey.spring;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.client.BearerChallenge;
import dev.latchkey.client.dpop.DPoPProofVerifier;
import dev.latchkey.client.dpop.ReplayGuard;
import dev.latchkey.client.servlet.ProblemResponses;

/**
 * For an API on several nodes: after Spring Security has checked a DPoP proof (and remembered
 * it in this process), the proof is checked again against a store every node shares, so the
 * same proof sent to a second node is refused there too.
 */
final class SharedDPoPReplays extends OncePerRequestFilter {

	private final DPoPProofVerifier proofs;

	SharedDPoPReplays(ReplayGuard replays) {
		this.proofs = new DPoPProofVerifier(replays, Clock.systemUTC());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal caller
				&& caller.token().jkt() != null
				&& AuthorizationHeader.from(request.getHeader("Authorization")) instanceof AuthorizationHeader.Candidate presented
				&& presented.dpop()) {
			String problem = this.proofs.problem(request.getHeader("DPoP"), request.getMethod(), targetUri(request),
					presented.value(), caller.token().jkt());
			if (problem != null) {
				SecurityContextHolder.clearContext();
				response.setHeader("WWW-Authenticate",
						BearerChallenge.dpop("invalid_dpop_proof", problem, DPoPProofVerifier.ALGORITHMS));
				ProblemResponses.write(response, 401, "Unauthorized", problem, "invalid_dpop_proof");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The URL a proof's {@code htu} names: the request's, without query or fragment. */
	private static String targetUri(HttpServletRequest request) {
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replaceQuery(null)
			.fragment(null)
			.build()
			.toUriString();
	}

}
