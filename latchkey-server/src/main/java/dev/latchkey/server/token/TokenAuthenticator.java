package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;

/**
 * The hot path: checks a presented personal access token on every API request. A token
 * with a wrong format or checksum is rejected without touching the database; a good one
 * costs one SHA-256 and a cache hit, or one indexed lookup on a miss. Unknown tokens are
 * remembered briefly, so a flood of made-up tokens can't turn into a flood of queries.
 */
@Component
public class TokenAuthenticator {

	private static final TokenCheck MALFORMED = new TokenCheck.Invalid("The token is malformed.");

	private static final TokenCheck UNKNOWN = new TokenCheck.Invalid("The token is unknown or revoked.");

	private static final TokenCheck EXPIRED = new TokenCheck.Invalid("The token has expired.");

	private final TokenFormat format;

	private final PersonalAccessTokenStore store;

	private final LastUsedRecorder lastUsed;

	private final Clock clock;

	private final Cache<String, Optional<ActiveToken>> cache;

	TokenAuthenticator(TokenFormat format, PersonalAccessTokenStore store, LastUsedRecorder lastUsed,
			TokenProperties properties, Clock clock) {
		this.format = format;
		this.store = store;
		this.lastUsed = lastUsed;
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaximumSize())
			.expireAfter(new KnownOrUnknown(properties.cacheTtl(), properties.unknownCacheTtl()))
			.build();
	}

	/**
	 * Checks a token and, when it is good, notes its use.
	 * @param candidate the token as presented
	 * @param ip the client's address, for "last used"
	 */
	public TokenCheck check(String candidate, String ip) {
		Optional<TokenSecret> secret = TokenSecret.parse(this.format, candidate);
		if (secret.isEmpty() || secret.get().kind() != TokenKind.PERSONAL) {
			return MALFORMED;
		}
		Optional<ActiveToken> found = this.cache.get(secret.get().sha256(), this.store::findByHash);
		if (found.isEmpty()) {
			return UNKNOWN;
		}
		ActiveToken token = found.get();
		Instant now = this.clock.instant();
		if (token.isExpired(now)) {
			return EXPIRED;
		}
		this.lastUsed.record(token.id(), now, ip);
		return new TokenCheck.Valid(token);
	}

	/**
	 * Forgets a token, so the next request looks it up again. Call it after the change is
	 * committed, or a concurrent miss could cache the old row again.
	 */
	void evict(String hash) {
		this.cache.invalidate(hash);
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
