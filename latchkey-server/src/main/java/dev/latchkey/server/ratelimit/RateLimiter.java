package dev.latchkey.server.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

import dev.latchkey.server.ratelimit.WindowCounts.Window;

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

	private static final long HOUR_SECONDS = WindowCounts.HOUR_SECONDS;

	/** Subjects per statement when syncing. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionOperations transaction;

	private final Clock clock;

	private final Counter rejections;

	private final WindowCounts counts = new WindowCounts();

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
		RateLimitDecision decision = this.counts.consume(subject, limit, window, nowSeconds());
		if (!decision.allowed()) {
			this.rejections.increment();
		}
		return decision;
	}

	/**
	 * What a subject has used in the current window, without counting anything; allowed when
	 * one more would still be within the limit. For throttles that check before an attempt and
	 * count only its failure. A subject this node hasn't counted in the window costs one read
	 * of the shared total, so a node that never saw the subject's failures still refuses at
	 * once what the other nodes have already used up.
	 */
	public RateLimitDecision peek(String subject, long limit, Duration window) {
		return this.counts.peek(subject, limit, window, nowSeconds(), this::readShared);
	}

	private long nowSeconds() {
		return this.clock.millis() / 1000;
	}

	private long readShared(Window key) {
		try {
			return this.jdbc.sql("SELECT used FROM rate_limit_windows WHERE subject = ? AND window_start = ?")
				.params(key.subject(), key.start())
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
		long now = nowSeconds();
		long currentHour = now - (now % HOUR_SECONDS);
		Map<Window, Long> deltas = this.counts.takeUnsynced();
		try {
			// All or nothing, so that after a failure every delta goes back whole and none is
			// added twice by the next sync.
			this.transaction.executeWithoutResult((status) -> add(deltas));
		}
		catch (RuntimeException ex) {
			this.counts.giveBack(deltas);
			log.warn("Could not share rate-limit counts; will retry: {}", ex.getMessage());
			return;
		}
		// The deltas are in the shared totals now: a failure from here on must not put them back.
		this.counts.committed(deltas);
		try {
			this.counts.forgetEnded(now);
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

	private void add(Map<Window, Long> deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		List<Map.Entry<Window, Long>> entries = new ArrayList<>(deltas.entrySet());
		int[][] updated = this.batch.batchUpdate(
				"UPDATE rate_limit_windows SET used = used + ? WHERE subject = ? AND window_start = ?", entries,
				BATCH, (ps, entry) -> {
					ps.setLong(1, entry.getValue());
					ps.setString(2, entry.getKey().subject());
					ps.setLong(3, entry.getKey().start());
				});
		int i = 0;
		for (int[] chunk : updated) {
			for (int rows : chunk) {
				Map.Entry<Window, Long> entry = entries.get(i++);
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
	private void insert(Window key, long delta) {
		this.jdbc.sql("INSERT INTO rate_limit_windows (subject, window_start, used) VALUES (?, ?, ?)")
			.params(key.subject(), key.start(), delta)
			.update();
	}

	private void readShared() {
		Map<Long, List<Window>> byWindow = new HashMap<>();
		this.counts.windows()
			.forEach((key) -> byWindow.computeIfAbsent(key.start(), (start) -> new ArrayList<>()).add(key));
		byWindow.forEach(this::readShared);
	}

	private void readShared(long window, List<Window> keys) {
		for (int from = 0; from < keys.size(); from += BATCH) {
			List<Window> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
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
			for (Window key : chunk) {
				this.counts.shared(key, shared.getOrDefault(key.subject(), 0L));
			}
		}
	}

}
