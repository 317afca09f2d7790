package dev.latchkey.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Records security events and reads them back. Callers record an event in the same
 * transaction as the change it describes, so the log never claims what didn't happen and
 * never misses what did.
 */
@Service
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final SecurityEventStore store;

	private final AuditProperties properties;

	private final Clock clock;

	AuditLog(SecurityEventStore store, AuditProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records an event caused by the current request's user or token (or by the server, outside a request).
	 * @param accountId the user it is about
	 * @param tokenId the personal access token it is about
	 * @param details short facts, never a secret
	 */
	public void record(SecurityAction action, @Nullable Long accountId, @Nullable Long tokenId,
			Map<String, String> details) {
		record(action, accountId, tokenId, details, Origin.current());
	}

	/** Records an event with an origin the caller knows better, such as the user signing in. */
	public void record(SecurityAction action, @Nullable Long accountId, @Nullable Long tokenId,
			Map<String, String> details, Origin origin) {
		this.store.insert(this.clock.instant().truncatedTo(ChronoUnit.MILLIS), action, accountId, origin, tokenId,
				details);
	}

	/** Records many events in one batch, each with its own origin; for background work. */
	public void recordAll(List<Entry> entries) {
		if (!entries.isEmpty()) {
			this.store.insertAll(this.clock.instant().truncatedTo(ChronoUnit.MILLIS), entries);
		}
	}

	/**
	 * An event to record.
	 *
	 * @param action what happened
	 * @param accountId the user it is about
	 * @param tokenId the personal access token it is about
	 * @param details short facts, never a secret
	 * @param origin who did it and from where
	 */
	public record Entry(SecurityAction action, @Nullable Long accountId, @Nullable Long tokenId,
			Map<String, String> details, Origin origin) {
	}

	/** A page of entries, newest first. */
	public List<SecurityEvent> find(SecurityEventQuery query) {
		return this.store.find(query);
	}

	/** Every entry that matches, newest first, a page at a time, for exports. */
	public void forEach(SecurityEventQuery query, Consumer<SecurityEvent> consumer) {
		this.store.forEach(query, consumer);
	}

	/** Deletes entries older than the retention period. */
	@Scheduled(fixedDelayString = "${latchkey.audit.purge-interval:1h}", initialDelayString = "${latchkey.audit.purge-interval:1h}")
	public int purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int deleted = this.store.deleteBefore(cutoff);
		if (deleted > 0) {
			log.info("Deleted {} security log entries older than {}", deleted, cutoff);
		}
		return deleted;
	}

}
