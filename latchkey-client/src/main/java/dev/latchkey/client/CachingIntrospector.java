package dev.latchkey.client;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A cache in front of an RFC 7662 introspector, so a resource server asks Latchkey once per
 * token per {@code ttl}, not once per request:
 * <ul>
 * <li>a token with a wrong format or checksum never reaches the network;</li>
 * <li>a live token is remembered for {@code ttl}, but never past its own {@code exp};</li>
 * <li>an unknown or revoked token is remembered for the shorter {@code negativeTtl};</li>
 * <li>the cache is bounded, and keyed by the token's SHA-256, never by the token;</li>
 * <li>concurrent requests for the same uncached token share one introspection call.</li>
 * </ul>
 * A revoked token keeps working here until its entry lapses: {@code ttl} is the bound on
 * how stale an answer may be.
 */
public final class CachingIntrospector implements TokenIntrospector {

	private final TokenIntrospector delegate;

	private final TokenFormat format;

	private final Clock clock;

	private final Cache<String, TokenInfo> cache;

	private CachingIntrospector(Builder builder) {
		this.delegate = builder.delegate;
		this.format = builder.format;
		this.clock = builder.clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(builder.maximumSize)
			// The cache ages entries by the same clock that judges exp, so the two never disagree.
			.ticker(() -> builder.clock.millis() * 1_000_000L)
			.expireAfter(new UpToExpiry(builder.ttl, builder.negativeTtl, builder.clock))
			.build();
	}

	/** A cache in front of {@code delegate}, with the defaults of {@link Builder}. */
	public static Builder wrapping(TokenIntrospector delegate) {
		return new Builder(delegate);
	}

	@Override
	public TokenInfo introspect(String token) {
		if (this.format.parse(token).isEmpty()) {
			return TokenInfo.INACTIVE;
		}
		TokenInfo info = this.cache.get(TokenSecret.sha256Hex(token), (hash) -> this.delegate.introspect(token));
		// An entry can outlive the token by a tick of the cache's clock; the token's own exp decides.
		return (info.active() && info.isExpiredAt(this.clock.instant())) ? TokenInfo.INACTIVE : info;
	}

	/** Forgets every cached answer. */
	public void clear() {
		this.cache.invalidateAll();
	}

	/** How many answers are cached now; for metrics and tests. */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	/** Settings of a {@link CachingIntrospector}. */
	public static final class Builder {

		private final TokenIntrospector delegate;

		private TokenFormat format = TokenFormat.withDefaultPrefix();

		private Duration ttl = Duration.ofSeconds(60);

		private Duration negativeTtl = Duration.ofSeconds(10);

		private long maximumSize = 10_000;

		private Clock clock = Clock.systemUTC();

		private Builder(TokenIntrospector delegate) {
			this.delegate = delegate;
		}

		/** The server's token format, for the offline checksum check; default prefix {@code lk}. */
		public Builder format(TokenFormat format) {
			this.format = format;
			return this;
		}

		/** How long a live token's answer is kept, at most; default 60 seconds. */
		public Builder ttl(Duration ttl) {
			this.ttl = ttl;
			return this;
		}

		/** How long an inactive token's answer is kept; default 10 seconds. */
		public Builder negativeTtl(Duration negativeTtl) {
			this.negativeTtl = negativeTtl;
			return this;
		}

		/** How many answers are kept at most; default 10,000. */
		public Builder maximumSize(long maximumSize) {
			this.maximumSize = maximumSize;
			return this;
		}

		/** The clock that decides when a token's {@code exp} has passed. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public CachingIntrospector build() {
			return new CachingIntrospector(this);
		}

	}

	private record UpToExpiry(Duration ttl, Duration negativeTtl, Clock clock) implements Expiry<String, TokenInfo> {

		@Override
		public long expireAfterCreate(String key, TokenInfo info, long currentTime) {
			if (!info.active()) {
				return this.negativeTtl.toNanos();
			}
			if (info.expiresAt() == null) {
				return this.ttl.toNanos();
			}
			Duration untilExpiry = Duration.between(this.clock.instant(), info.expiresAt());
			return Math.max(0, Math.min(this.ttl.toNanos(), untilExpiry.toNanos()));
		}

		@Override
		public long expireAfterUpdate(String key, TokenInfo info, long currentTime, long currentDuration) {
			return expireAfterCreate(key, info, currentTime);
		}

		@Override
		public long expireAfterRead(String key, TokenInfo info, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
