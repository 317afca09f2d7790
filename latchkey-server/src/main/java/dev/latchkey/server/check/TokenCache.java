package dev.latchkey.server.check;

import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

import dev.latchkey.server.config.AfterCommit;
import dev.latchkey.server.config.PeerNodes;

/**
 * Checked access tokens by SHA-256, in memory. Unknown tokens are remembered briefly too,
 * so a flood of made-up tokens can't turn into a flood of queries; they are kept in a cache
 * of their own, so that the same flood can't push the tokens in use out of theirs either.
 * Whatever changes a stored token evicts it here, after its change is committed, so the
 * next request on this node sees the change.
 */
@Component
public class TokenCache {

	private final Cache<String, ActiveToken> known;

	/** Hashes looked up and not found; the value means nothing. */
	private final Cache<String, Boolean> unknown;

	private final PeerNodes peers;

	TokenCache(TokenProperties properties, PeerNodes peers) {
		this.peers = peers;
		this.known = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaximumSize())
			.expireAfterWrite(properties.cacheTtl())
			.recordStats()
			.build();
		this.unknown = Caffeine.newBuilder()
			.maximumSize(properties.unknownCacheMaximumSize())
			.expireAfterWrite(properties.unknownCacheTtl())
			.recordStats()
			.build();
	}

	/**
	 * Publishes size, hits, misses and evictions as {@code cache.*} metrics named
	 * {@code latchkey.tokens} for known tokens and {@code latchkey.tokens.unknown} for unknown ones.
	 */
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.known, "latchkey.tokens");
		CaffeineCacheMetrics.monitor(registry, this.unknown, "latchkey.tokens.unknown");
	}

	/** Forgets every token; for a node that may have missed changes made on other nodes. */
	public void clear() {
		this.known.invalidateAll();
		this.unknown.invalidateAll();
	}

	Optional<ActiveToken> get(String hash, Function<String, Optional<ActiveToken>> loader) {
		ActiveToken cached = this.known.getIfPresent(hash);
		if (cached != null) {
			return Optional.of(cached);
		}
		if (this.unknown.getIfPresent(hash) != null) {
			return Optional.empty();
		}
		// Through the known cache, so concurrent misses of one token still make one query; a
		// null leaves nothing there, and the miss is remembered in the other cache instead.
		return Optional.ofNullable(this.known.get(hash, (key) -> {
			Optional<ActiveToken> found = loader.apply(key);
			if (found.isEmpty()) {
				this.unknown.put(key, Boolean.TRUE);
			}
			return found.orElse(null);
		}));
	}

	/** Runs evictions that are due now rather than when Caffeine gets round to them; for tests. */
	void cleanUp() {
		this.known.cleanUp();
		this.unknown.cleanUp();
	}

	/**
	 * Forgets a token here and tells the other nodes to, once the change is committed: inside
	 * a transaction, an eviction before the commit would let a concurrent miss cache the old
	 * row again.
	 */
	public void evict(String hash) {
		AfterCommit.run(() -> evictNow(hash));
	}

	private void evictNow(String hash) {
		evictLocally(hash);
		this.peers.forget(PeerNodes.Cache.TOKEN, hash);
	}

	/** Forgets a token on this node only, because another node said it changed. */
	public void evictLocally(String hash) {
		this.known.invalidate(hash);
		this.unknown.invalidate(hash);
	}

	/**
	 * Forgets every token of an account, and every token it holds for others, here and tells the other nodes to, once the change is
	 * committed; for an account suspended or let back in. A scan, fine for a rare admin action.
	 */
	public void evictAccount(long accountId) {
		AfterCommit.run(() -> {
			evictAccountLocally(accountId);
			this.peers.forget(PeerNodes.Cache.ACCOUNT, Long.toString(accountId));
		});
	}

	/**
	 * Forgets every token of an account on this node only, every token remembered as
	 * unknown, which may be one of its tokens refused while it was suspended, and every token
	 * an app holds as itself (client credentials), whose app the account may own.
	 */
	public void evictAccountLocally(long accountId) {
		this.known.asMap().values().removeIf((token) -> token.involves(accountId) || token.accountId() == null);
		this.unknown.invalidateAll();
	}

}
