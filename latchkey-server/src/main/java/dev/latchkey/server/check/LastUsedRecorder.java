package dev.latchkey.server.check;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenKind;

/**
 * Keeps "last used" (time and IP address) off the request thread: a request only notes the
 * use in memory, and a scheduled flush writes the newest use of each token in one batch, at
 * most once per {@code latchkey.tokens.last-used-write-interval} per token.
 */
@Component
public class LastUsedRecorder {

	private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

	private final Map<TokenKind, ActiveTokenSource> sources = new EnumMap<>(TokenKind.class);

	private final TokenProperties properties;

	private final Clock clock;

	private final TransactionOperations transaction;

	private final Map<Key, LastUse> pending = new ConcurrentHashMap<>();

	private final Map<Key, Instant> lastWritten = new ConcurrentHashMap<>();

	LastUsedRecorder(List<ActiveTokenSource> sources, TokenProperties properties, Clock clock,
			TransactionOperations transaction) {
		sources.forEach((source) -> this.sources.put(source.kind(), source));
		this.properties = properties;
		this.clock = clock;
		this.transaction = transaction;
	}

	/** Notes a use; cheap enough for every request. */
	void record(TokenKind kind, String tokenId, Instant at, @Nullable String ip) {
		this.pending.put(new Key(kind, tokenId), new LastUse(kind, tokenId, at.truncatedTo(ChronoUnit.SECONDS), ip));
	}

	/** Writes the pending uses of every token not written within the write interval. */
	@Scheduled(fixedDelayString = "${latchkey.tokens.last-used-flush-interval:1s}")
	public void flush() {
		Instant now = this.clock.instant();
		Instant writtenBefore = now.minus(this.properties.lastUsedWriteInterval());
		List<LastUse> due = new ArrayList<>();
		for (Iterator<LastUse> it = this.pending.values().iterator(); it.hasNext();) {
			LastUse use = it.next();
			Instant written = this.lastWritten.get(Key.of(use));
			if (written == null || !written.isAfter(writtenBefore)) {
				due.add(use);
				// A use noted after this removal stays pending for the next flush.
				this.pending.remove(Key.of(use), use);
			}
		}
		this.lastWritten.values().removeIf((written) -> !written.isAfter(writtenBefore));
		if (due.isEmpty()) {
			return;
		}
		Map<TokenKind, List<LastUse>> byKind = due.stream().collect(Collectors.groupingBy(LastUse::kind));
		byKind.forEach((kind, uses) -> {
			try {
				// One transaction, not one per row: on H2 an auto-committed batch commits every
				// statement, and a burst of first uses brings thousands of rows a second.
				this.transaction.executeWithoutResult((status) -> this.sources.get(kind).recordLastUse(uses));
				uses.forEach((use) -> this.lastWritten.put(Key.of(use), now));
			}
			catch (RuntimeException ex) {
				// Put them back unless a newer use arrived meanwhile; the next flush retries.
				uses.forEach((use) -> this.pending.merge(Key.of(use), use,
						(newer, older) -> newer.at().isAfter(older.at()) ? newer : older));
				log.warn("Could not record last use of {} tokens; will retry: {}", uses.size(), ex.getMessage());
			}
		});
	}

	private record Key(TokenKind kind, String tokenId) {

		static Key of(LastUse use) {
			return new Key(use.kind(), use.tokenId());
		}

	}

	@PreDestroy
	void flushOnShutdown() {
		this.lastWritten.clear();
		flush();
	}

}
