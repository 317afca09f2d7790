package dev.latchkey.server.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.config.PeerNodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token cache on its own, with a store that counts its lookups: what it keeps, and that
 * tokens nobody issued can't push out the ones in use.
 */
class TokenCacheTests {

	private static final TokenFormat FORMAT = TokenFormat.withDefaultPrefix();

	private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

	private final TokenSecret real = TokenSecret.generate(FORMAT, TokenKind.PERSONAL);

	/** The database: it knows one token. */
	private final Function<String, Optional<ActiveToken>> store = (hash) -> {
		this.lookups.computeIfAbsent(hash, (key) -> new AtomicInteger()).incrementAndGet();
		return hash.equals(this.real.sha256()) ? Optional.of(active(hash)) : Optional.empty();
	};

	@Test
	void getWhenFloodOfMadeUpTokensThenKnownTokenStaysCached() {
		TokenCache cache = new TokenCache(properties(1_000, 1_000), PeerNodes.NONE);
		assertThat(cache.get(this.real.sha256(), this.store)).isPresent();

		// Well-formed tokens with good checksums that nobody issued, each sent a few times as a
		// flood would send them: often enough for Caffeine's admission policy, which keeps what is
		// asked for often, to prefer them over a token used once.
		for (int i = 0; i < 20_000; i++) {
			String madeUp = TokenSecret.generate(FORMAT, TokenKind.PERSONAL).sha256();
			for (int j = 0; j < 3; j++) {
				assertThat(cache.get(madeUp, this.store)).isEmpty();
			}
		}
		cache.cleanUp();

		assertThat(cache.get(this.real.sha256(), this.store)).isPresent();
		assertThat(this.lookups.get(this.real.sha256())).as("answered from the cache, not looked up again")
			.hasValue(1);
	}

	@Test
	void getWhenTokenUnknownThenRememberedAsUnknown() {
		TokenCache cache = new TokenCache(properties(1_000, 1_000), PeerNodes.NONE);
		String madeUp = TokenSecret.generate(FORMAT, TokenKind.PERSONAL).sha256();

		assertThat(cache.get(madeUp, this.store)).isEmpty();
		assertThat(cache.get(madeUp, this.store)).isEmpty();

		assertThat(this.lookups.get(madeUp)).as("looked up once, then answered from the cache").hasValue(1);
	}

	@Test
	void evictLocallyWhenTokenCachedThenLookedUpAgain() {
		TokenCache cache = new TokenCache(properties(1_000, 1_000), PeerNodes.NONE);
		cache.get(this.real.sha256(), this.store);

		cache.evictLocally(this.real.sha256());

		assertThat(cache.get(this.real.sha256(), this.store)).isPresent();
		assertThat(this.lookups.get(this.real.sha256())).hasValue(2);
	}

	private static TokenProperties properties(long known, long unknown) {
		return new TokenProperties("lk", Duration.ofMinutes(5), known, Duration.ofSeconds(30), unknown,
				Duration.ofSeconds(1), Duration.ofMinutes(1));
	}

	private static ActiveToken active(String hash) {
		return new ActiveToken("1", 1L, "octo", false, Set.of("user"), Instant.EPOCH, null, hash,
				ActiveToken.Personal.PLAIN);
	}

}
