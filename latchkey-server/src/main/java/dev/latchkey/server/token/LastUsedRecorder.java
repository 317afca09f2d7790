package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps "last used" (time and IP address) off the request thread: a request only notes the
 * use in memory, and a scheduled flush writes the newest use of each token in one batch, at
 * most once per {@code latchkey.tokens.last-used-write-interval} per token.
 */
@Component
public class LastUsedRecorder {

	private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

	private final PersonalAccessTokenStore store;

	private final TokenProperties properties;

	private final Clock clock;

	private final Map<Long, LastUse> pending = new ConcurrentHashMap<>();

	private final Map<Long, Instant> lastWritten = new ConcurrentHashMap<>();

	LastUsedRecorder(PersonalAccessTokenStore store, TokenProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Notes a use; cheap enough for every request. */
	void record(long tokenId, Instant at, String ip) {
		this.pending.put(tokenId, new LastUse(tokenId, at.truncatedTo(ChronoUnit.SECONDS), ip));
	}

	/** Writes the pending uses of every token not written within the write interval. */
	@Scheduled(fixedDelayString = "${latchkey.tokens.last-used-flush-interval:10s}")
	public void flush() {
		Instant now = this.clock.instant();
		Instant writtenBefore = now.minus(this.properties.lastUsedWriteInterval());
		List<LastUse> due = new ArrayList<>();
		for (Iterator<LastUse> it = this.pending.values().iterator(); it.hasNext();) {
			LastUse use = it.next();
			Instant written = this.lastWritten.get(use.tokenId());
			if (written == null || !written.isAfter(writtenBefore)) {
				due.add(use);
				// A use noted after this removal stays pending for the next flush.
				this.pending.remove(use.tokenId(), use);
			}
		}
		this.lastWritten.values().removeIf((written) -> !written.isAfter(writtenBefore));
		if (due.isEmpty()) {
			return;
		}
		try {
			this.store.recordLastUse(due);
			due.forEach((use) -> this.lastWritten.put(use.tokenId(), now));
		}
		catch (RuntimeException ex) {
			// Put them back unless a newer use arrived meanwhile; the next flush retries.
			due.forEach((use) -> this.pending.merge(use.tokenId(), use,
					(newer, older) -> newer.at().isAfter(older.at()) ? newer : older));
			log.warn("Could not record last use of {} tokens; will retry: {}", due.size(), ex.getMessage());
		}
	}

	@PreDestroy
	void flushOnShutdown() {
		this.lastWritten.clear();
		flush();
	}

}
