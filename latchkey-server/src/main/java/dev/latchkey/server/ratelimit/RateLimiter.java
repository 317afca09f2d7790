package dev.latchkey.server.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Fixed windows, hourly as GitHub's REST API counts them or shorter for throttles such as
 * failed sign-ins, shared by every node without a database round trip per request: a request
 * adds to an in-memory count on its node, and every {@code sync-interval} each node adds its
 * new counts to the shared totals in {@code rate_limit_windows} and reads the totals back. A
 * node so sees the others' requests within about a second.
 * <p>
 * Why not Bucket4j's PostgreSQL backend: it takes a row lock and a transaction per request,
 * which would make every API call wait on the database — the cost this design avoids. The
 * price is that a burst spread over several nodes can overshoot a limit by at most what the
 * other nodes serve in one sync interval.
 */
@Component
public class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private static final Duration HOUR = Duration.ofHours(1);

	private static final long HOUR_SECONDS = HOUR.toSeconds();

	/** Subjects per statement when syncing. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionOperations transaction;

	private final Clock clock;

	private final Counter rejections;

	private final Map<Key, Count> counts = new ConcurrentHashMap<>();

	RateLimiter(JdbcClient jdbc, JdbcTemplate batch, TransactionOperations transaction, Clock clock,
			MeterRegistry registry) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transaction = transaction;
		this.clock = clock;
		this.rejections = Counter.builder("latchkey.rate_limit.rejections").register(registry);
	}

	/** Counts one request of a subject against its hourly limit. */
	public RateLimitDecision consume(String subject, long limit) {
		return consume(subject, limit, HOUR);
	}

	/**
	 * Counts one event of a subject against a limit per window. Windows divide an hour (such
	 * as 15 minutes), so each ends on the hour's boundaries on every node; a subject is always
	 * counted in windows of one length.
	 */
	public RateLimitDecision consume(String subject, long limit, Duration window) {
		Key key = currentKey(subject, window);
		// A plain read first: computeIfAbsent locks the map's bin even when the count exists,
		// and every request of a busy user would queue on that lock.
		Count count = this.counts.get(key);
		if (count == null) {
			count = this.counts.computeIfAbsent(key, (absent) -> new Count());
		}
		long used = count.shared + count.unsynced.incrementAndGet();
		boolean allowed = used <= limit;
		if (!allowed) {
			this.rejections.increment();
		}
		return decision(key, limit, used, allowed);
	}

	/**
	 * What a subject has used in the current window, without counting anything; allowed when
	 * one more would still be within the limit. For throttles that check before an attempt and
	 * count only its failure. A subject this node hasn't counted in the window costs one read
	 * of the shared total, so a node that never saw the subject's failures still refuses at
	 * once what the other nodes have already used up.
	 */
	public RateLimitDecision peek(String subject, long limit, Duration window) {
		Key key = currentKey(subject, window);
		Count count = this.counts.get(key);
		if (count == null) {
			Count loaded = new Count();
			loaded.shared = readShared(key);
			Count raced = this.counts.putIfAbsent(key, loaded);
			count = (raced != null) ? raced : loaded;
		}
		long used = count.shared + count.unsynced.get();
		return decision(key, limit, used, used < limit);
	}

	private Key currentKey(String subject, Duration window) {
		long seconds = window.toSeconds();
		if (seconds <= 0 || HOUR_SECONDS % seconds != 0) {
			throw new IllegalArgumentException("A rate-limit window must divide an hour: " + window);
		}
		long now = this.clock.millis() / 1000;
		return new Key(subject, now - (now % seconds), seconds);
	}

	private RateLimitDecision decision(Key key, long limit, long used, boolean allowed) {
		long now = this.clock.millis() / 1000;
		return new RateLimitDecision(limit, used, key.end(), allowed, Math.max(1, key.end() - now));
	}

	private long readShared(Key key) {
		try {
			return this.jdbc.sql("SELECT used FROM rate_limit_windows WHERE subject = ? AND window_start = ?")
				.params(key.subject(), key.windowStart())
				.query(Long.class)
				.optional()
				.orElse(0L);
		}
		catch (DataAccessException ex) {
			// The next sync reads it again; until then this node counts from its own requests.
			log.warn("Could not read a shared rate-limit count: {}", ex.getMessage());
			return 0;
		}
	}

	/**
	 * Adds this node's new counts to the shared totals and learns the other nodes', in a few
	 * statements however many subjects there are: one batch of updates, inserts for subjects
	 * new in this window, and reads in chunks. The additions are one transaction: when it fails
	 * they go back to be added by the next sync, and when it commits they count once, whatever
	 * fails after. (Only a commit whose answer is lost with the connection can still count twice.)
	 */
	@Scheduled(fixedDelayString = "${latchkey.rate-limit.sync-interval:1s}")
	public synchronized void sync() {
		long now = this.clock.millis() / 1000;
		long currentHour = now - (now % HOUR_SECONDS);
		Map<Key, Long> deltas = new HashMap<>();
		this.counts.forEach((key, count) -> {
			long delta = count.unsynced.getAndSet(0);
			if (delta > 0) {
				deltas.put(key, delta);
			}
		});
		try {
			// All or nothing, so that after a failure every delta goes back whole and none is
			// added twice by the next sync.
			this.transaction.executeWithoutResult((status) -> add(deltas));
		}
		catch (RuntimeException ex) {
			deltas.forEach((key, delta) -> {
				Count count = this.counts.get(key);
				if (count != null) {
					count.unsynced.addAndGet(delta);
				}
			});
			log.warn("Could not share rate-limit counts; will retry: {}", ex.getMessage());
			return;
		}
		// The deltas are in the shared totals now: a failure from here on must not put them back.
		try {
			this.counts.keySet().removeIf((key) -> key.end() <= now);
			readShared();
			// No window is longer than an hour, so one that began before the last hour is over.
			this.jdbc.sql("DELETE FROM rate_limit_windows WHERE window_start < ?")
				.param(currentHour - HOUR_SECONDS)
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the shared rate-limit counts; will retry: {}", ex.getMessage());
		}
	}

	private void add(Map<Key, Long> deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		List<Map.Entry<Key, Long>> entries = new ArrayList<>(deltas.entrySet());
		int[][] updated = this.batch.batchUpdate(
				"UPDATE rate_limit_windows SET used = used + ? WHERE subject = ? AND window_start = ?", entries,
				BATCH, (ps, entry) -> {
					ps.setLong(1, entry.getValue());
					ps.setString(2, entry.getKey().subject());
					ps.setLong(3, entry.getKey().windowStart());
				});
		int i = 0;
		for (int[] chunk : updated) {
			for (int rows : chunk) {
				Map.Entry<Key, Long> entry = entries.get(i++);
				if (rows == 0) {
					insert(entry.getKey(), entry.getValue());
				}
			}
		}
	}

	/**
	 * The first count of a subject in this window. Should another node insert the same row
	 * first, the duplicate key fails the whole transaction and the next sync updates the row.
	 */
	private void insert(Key key, long delta) {
		this.jdbc.sql("INSERT INTO rate_limit_windows (subject, window_start, used) VALUES (?, ?, ?)")
			.params(key.subject(), key.windowStart(), delta)
			.update();
	}

	private void readShared() {
		Map<Long, List<Key>> byWindow = new HashMap<>();
		this.counts.keySet()
			.forEach((key) -> byWindow.computeIfAbsent(key.windowStart(), (start) -> new ArrayList<>()).add(key));
		byWindow.forEach(this::readShared);
	}

	private void readShared(long window, List<Key> keys) {
		for (int from = 0; from < keys.size(); from += BATCH) {
			List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
			String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
			List<Object> params = new ArrayList<>();
			params.add(window);
			chunk.forEach((key) -> params.add(key.subject()));
			Map<String, Long> shared = new HashMap<>();
			this.jdbc.sql("SELECT subject, used FROM rate_limit_windows WHERE window_start = ? AND subject IN (" + marks + ")")
				.params(params)
				.query((rs) -> {
					shared.put(rs.getString("subject"), rs.getLong("used"));
				});
			for (Key key : chunk) {
				Count count = this.counts.get(key);
				if (count != null) {
					count.shared = shared.getOrDefault(key.subject(), 0L);
				}
			}
		}
	}

	private record Key(String subject, long windowStart, long windowSeconds) {

		long end() {
			return this.windowStart + this.windowSeconds;
		}

	}

	private static final class Count {

		/** Requests this node served that the shared total doesn't have yet. */
		final AtomicLong unsynced = new AtomicLong();

		/** The shared total as last read, every node's synced requests included. */
		volatile long shared;

	}

}
