package dev.latchkey.server.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fixed hourly windows, as GitHub's REST API counts them, shared by every node without a
 * database round trip per request: a request adds to an in-memory count on its node, and
 * every {@code sync-interval} each node adds its new counts to the shared totals in
 * {@code rate_limit_windows} and reads the totals back. A node so sees the others' requests
 * within about a second.
 * <p>
 * Why not Bucket4j's PostgreSQL backend: it takes a row lock and a transaction per request,
 * which would make every API call wait on the database — the cost this design avoids. The
 * price is that a burst spread over several nodes can overshoot a limit by at most what the
 * other nodes serve in one sync interval.
 */
@Component
public class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private static final long WINDOW_SECONDS = Duration.ofHours(1).toSeconds();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Counter rejections;

	private final Map<Key, Count> counts = new ConcurrentHashMap<>();

	RateLimiter(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rejections = Counter.builder("latchkey.rate_limit.rejections").register(registry);
	}

	/** Counts one request of a subject against its hourly limit. */
	public RateLimitDecision consume(String subject, long limit) {
		long now = this.clock.millis() / 1000;
		long windowStart = now - (now % WINDOW_SECONDS);
		Count count = this.counts.computeIfAbsent(new Key(subject, windowStart), (key) -> new Count());
		long used = count.shared + count.unsynced.incrementAndGet();
		boolean allowed = used <= limit;
		if (!allowed) {
			this.rejections.increment();
		}
		return new RateLimitDecision(limit, used, windowStart + WINDOW_SECONDS, allowed,
				Math.max(1, windowStart + WINDOW_SECONDS - now));
	}

	/** Adds this node's new counts to the shared totals and learns the other nodes'. */
	@Scheduled(fixedDelayString = "${latchkey.rate-limit.sync-interval:1s}")
	public void sync() {
		long now = this.clock.millis() / 1000;
		long currentWindow = now - (now % WINDOW_SECONDS);
		for (Iterator<Map.Entry<Key, Count>> it = this.counts.entrySet().iterator(); it.hasNext();) {
			Map.Entry<Key, Count> entry = it.next();
			Key key = entry.getKey();
			Count count = entry.getValue();
			long delta = count.unsynced.getAndSet(0);
			try {
				if (delta > 0) {
					add(key, delta);
				}
				if (key.windowStart() < currentWindow) {
					it.remove();
					continue;
				}
				count.shared = this.jdbc
					.sql("SELECT used FROM rate_limit_windows WHERE subject = ? AND window_start = ?")
					.params(key.subject(), key.windowStart())
					.query(Long.class)
					.optional()
					.orElse(0L);
			}
			catch (RuntimeException ex) {
				count.unsynced.addAndGet(delta);
				log.warn("Could not share rate-limit counts; will retry: {}", ex.getMessage());
				return;
			}
		}
		this.jdbc.sql("DELETE FROM rate_limit_windows WHERE window_start < ?").param(currentWindow - WINDOW_SECONDS).update();
	}

	private void add(Key key, long delta) {
		int updated = this.jdbc.sql("UPDATE rate_limit_windows SET used = used + ? WHERE subject = ? AND window_start = ?")
			.params(delta, key.subject(), key.windowStart())
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("INSERT INTO rate_limit_windows (subject, window_start, used) VALUES (?, ?, ?)")
					.params(key.subject(), key.windowStart(), delta)
					.update();
			}
			catch (DuplicateKeyException raced) {
				// Another node inserted the row first; add to it.
				add(key, delta);
			}
		}
	}

	private record Key(String subject, long windowStart) {
	}

	private static final class Count {

		/** Requests this node served that the shared total doesn't have yet. */
		final AtomicLong unsynced = new AtomicLong();

		/** The shared total as last read, every node's synced requests included. */
		volatile long shared;

	}

}
