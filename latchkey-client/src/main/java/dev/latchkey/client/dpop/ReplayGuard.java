package dev.latchkey.client.dpop;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where the proofs already used are remembered. An API on several nodes gives every node the
 * same one (Latchkey's server keeps them in its database), or a proof used at one node could be
 * sent again to another.
 */
@FunctionalInterface
public interface ReplayGuard {

	/**
	 * Remembers a proof's {@code jti} until a time.
	 * @return false if it was seen before
	 */
	boolean firstUse(String jti, Instant keepUntil);

	/** In this process only, for an API on one node; holds each {@code jti} for the given time. */
	static ReplayGuard inMemory(Duration keep) {
		Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(keep).build();
		return (jti, keepUntil) -> seen.asMap().putIfAbsent(jti, Boolean.TRUE) == null;
	}

}
