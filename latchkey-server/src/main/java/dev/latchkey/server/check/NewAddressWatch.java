package dev.latchkey.server.check;

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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenKind;

/**
 * Logs the first use of a personal access token from each IP address, as GitHub's security
 * log does. A request only looks the pair up in memory; pairs not known yet are checked
 * against the database by a scheduled flush, off the request thread.
 */
@Component
public class NewAddressWatch {

	private static final Logger log = LoggerFactory.getLogger(NewAddressWatch.class);

	/** Pairs per transaction: a busy minute can bring tens of thousands of tokens' first uses. */
	private static final int BATCH = 1000;

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
	@Scheduled(fixedDelayString = "${latchkey.tokens.last-used-flush-interval:1s}")
	public void flush() {
		List<FirstUse> batch = new ArrayList<>();
		for (TokenAddress pair : new ArrayList<>(this.pending.keySet())) {
			Use use = this.pending.remove(pair);
			if (use != null) {
				batch.add(new FirstUse(pair.tokenId(), pair.ip(), use));
			}
			if (batch.size() == BATCH) {
				if (!record(batch)) {
					return;
				}
				batch = new ArrayList<>();
			}
		}
		record(batch);
	}

	/** Records a batch; on a failure puts it back for the next flush and says so. */
	private boolean record(List<FirstUse> batch) {
		if (batch.isEmpty()) {
			return true;
		}
		try {
			this.firstUses.recordIfFirst(batch);
		}
		catch (DataAccessException ex) {
			// Also when another node recorded one of them at the same moment: the next flush's
			// insert-if-absent skips that one and records the rest.
			batch.forEach((use) -> this.pending.putIfAbsent(new TokenAddress(use.tokenId(), use.ip()), use.use()));
			log.warn("Could not record {} tokens' new addresses; will retry: {}", batch.size(), ex.getMessage());
			return false;
		}
		batch.forEach((use) -> this.known.put(new TokenAddress(use.tokenId(), use.ip()), Boolean.TRUE));
		return true;
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

	/**
	 * A use of a token from an address, to be recorded if it is the first.
	 *
	 * @param tokenId the token
	 * @param ip the address
	 * @param use who and when
	 */
	record FirstUse(String tokenId, String ip, Use use) {
	}

	/** Where first uses are recorded. */
	@FunctionalInterface
	interface FirstUses {

		/**
		 * Records, in one transaction, each use that is its token's first from its address, and logs
		 * those; uses of tokens that are gone are passed over.
		 * @throws DataIntegrityViolationException if another node recorded one of them at the same time
		 */
		void recordIfFirst(List<FirstUse> uses);

	}

}
