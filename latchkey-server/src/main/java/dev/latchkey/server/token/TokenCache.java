package dev.latchkey.server.token;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

import dev.latchkey.server.config.AfterCommit;

/**
 * Checked access tokens by SHA-256, in memory. Unknown tokens are remembered briefly too,
 * so a flood of made-up tokens can't turn into a flood of queries. Whatever changes a
 * stored token evicts it here, after its change is committed, so the next request on this
 * node sees the change.
 */
@Component
public class TokenCache {

	private final Cache<String, Optional<ActiveToken>> cache;

	TokenCache(TokenProperties properties) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaximumSize())
			.expireAfter(new KnownOrUnknown(properties.cacheTtl(), properties.unknownCacheTtl()))
			.recordStats()
			.build();
	}

	/** Publishes size, hits, misses and evictions as {@code cache.*} metrics named {@code latchkey.tokens}. */
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.cache, "latchkey.tokens");
	}

	/** Forgets every token; for a node that may have missed changes made on other nodes. */
	public void clear() {
		this.cache.invalidateAll();
	}

	Optional<ActiveToken> get(String hash, Function<String, Optional<ActiveToken>> loader) {
		return this.cache.get(hash, loader);
	}

	private volatile Consumer<String> evictions = (hash) -> {
	};

	/**
	 * Forgets a token here and tells the other nodes to, once the change is committed: inside
	 * a transaction, an eviction before the commit would let a concurrent miss cache the old
	 * row again.
	 */
	public void evict(String hash) {
		AfterCommit.run(() -> evictNow(hash));
	}

	private void evictNow(String hash) {
		this.cache.invalidate(hash);
		this.evictions.accept(hash);
	}

	/** Forgets a token on this node only, because another node said it changed. */
	public void evictLocally(String hash) {
		this.cache.invalidate(hash);
	}

	/** Where to announce evictions to the other nodes. */
	public void publishEvictionsTo(Consumer<String> publisher) {
		this.evictions = publisher;
	}

	private volatile Consumer<Long> accountEvictions = (accountId) -> {
	};

	/**
	 * Forgets every token of an account, and every token it holds for others, here and tells the other nodes to, once the change is
	 * committed; for an account suspended or let back in. A scan, fine for a rare admin action.
	 */
	public void evictAccount(long accountId) {
		AfterCommit.run(() -> {
			evictAccountLocally(accountId);
			this.accountEvictions.accept(accountId);
		});
	}

	/**
	 * Forgets every token of an account on this node only, every token remembered as
	 * unknown, which may be one of its tokens refused while it was suspended, and every token
	 * an app holds as itself (client credentials), whose app the account may own.
	 */
	public void evictAccountLocally(long accountId) {
		this.cache.asMap()
			.values()
			.removeIf((token) -> token.isEmpty() || token.get().involves(accountId) || token.get().accountId() == null);
	}

	/** Where to announce account evictions to the other nodes. */
	public void publishAccountEvictionsTo(Consumer<Long> publisher) {
		this.accountEvictions = publisher;
	}

	private record KnownOrUnknown(Duration known, Duration unknown) implements Expiry<String, Optional<ActiveToken>> {

		@Override
		public long expireAfterCreate(String key, Optional<ActiveToken> value, long currentTime) {
			return (value.isPresent() ? this.known : this.unknown).toNanos();
		}

		@Override
		public long expireAfterUpdate(String key, Optional<ActiveToken> value, long currentTime,
				long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Optional<ActiveToken> value, long currentTime,
				long currentDuration) {
			return currentDuration;
		}

	}

}
