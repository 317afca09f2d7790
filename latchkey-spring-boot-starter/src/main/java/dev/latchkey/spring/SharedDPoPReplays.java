package dev.latchkey.spring;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.client.AuthorizationHeader;
import dev.latchkey.client.dpop.DPoPProofVerifier;
import dev.latchkey.client.dpop.ReplayGuard;
import dev.latchkey.client.servlet.ProblemResponses;

/**
 * For an API on several nodes: after Spring Security has checked a DPoP proof (and remembered
 * it in this process), its {@code jti} is recorded in a store every node shares, so the same
 * proof sent to a second node is refused there too.
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
			// Spring Security has checked the proof itself; what it can't know is whether another node saw it.
			String proof = request.getHeader("DPoP");
			if (proof == null || !this.proofs.firstUse(proof)) {
				SecurityContextHolder.clearContext();
				ProblemResponses.dpopRefused(response, "invalid_dpop_proof", "The DPoP proof was used before.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
