package dev.latchkey.server.dpop;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latchkey.client.dpop.DPoPProofVerifier;

/** The API's DPoP proof check, the same one the starter runs, with the proofs seen kept in the database. */
@Configuration(proxyBeanMethods = false)
class DPoPConfiguration {

	@Bean
	DPoPProofVerifier dpopProofVerifier(ProofReplays replays, Clock clock) {
		return new DPoPProofVerifier(replays, clock);
	}

}
