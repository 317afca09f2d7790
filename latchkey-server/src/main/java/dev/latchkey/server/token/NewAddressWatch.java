package dev.latchkey.server.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenKind;

/**
 * Logs the first use of a personal access token from each IP address, as GitHub's security
 * log does. A request only looks the pair up in memory; pairs not known yet are checked
 * against the database by a scheduled flush, off the request thread.
 */
@Component
class NewAddressWatch {

	private static final Logger log = LoggerFactory.getLogger(NewAddressWatch.class);

	/** Pairs known to be recorded, so that a busy token's requests cost one lookup each. */
	private final Cache<TokenAddress, Boolean> known = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final Map<TokenAddress, Use> pending = new ConcurrentHashMap<>();

	private final FirstUses firstUses;

	NewAddressWatch(FirstUses firstUses) {
		this.firstUses = firstUses;
	}

	/** Notes the use of a token from an address; cheap enough for every request. */
	void note(ActiveToken token, String ip, Instant at) {
		if (token.kind() != TokenKind.PERSONAL || token.accountId() == null) {
			return;
		}
		TokenAddress pair = new TokenAddress(token.id(), ip);
		if (this.known.getIfPresent(pair) == null) {
			this.pending.putIfAbsent(pair, new Use(token.accountId(), token.subject(), at));
		}
	}

	/** Records the addresses first seen since the last flush, and logs each. */
	@Scheduled(fixedDelayString = "${latchkey.tokens.last-used-flush-interval:10s}")
	void flush() {
		List<TokenAddress> pairs = new ArrayList<>(this.pending.keySet());
		for (TokenAddress pair : pairs) {
			Use use = this.pending.remove(pair);
			if (use == null) {
				continue;
			}
			try {
				this.firstUses.recordIfFirst(pair.tokenId(), pair.ip(), use);
				this.known.put(pair, Boolean.TRUE);
			}
			catch (DataIntegrityViolationException ex) {
				// Another node recorded the pair first, or the token is gone: nothing to log here.
				this.known.put(pair, Boolean.TRUE);
			}
			catch (DataAccessException ex) {
				this.pending.putIfAbsent(pair, use);
				log.warn("Could not record a token's new address; will retry: {}", ex.getMessage());
				return;
			}
		}
	}

	private record TokenAddress(String tokenId, String ip) {
	}

	/**
	 * A use of a token from an address not known to be recorded.
	 *
	 * @param accountId the token's owner
	 * @param username the owner's username
	 * @param at when
	 */
	record Use(long accountId, String username, Instant at) {
	}

	/** Where first uses are recorded. */
	@FunctionalInterface
	interface FirstUses {

		/**
		 * Records the use if it is the token's first from this address, and logs it.
		 * @throws DataIntegrityViolationException if another node recorded it first or the token is gone
		 */
		void recordIfFirst(String tokenId, String ip, Use use);

	}

}
