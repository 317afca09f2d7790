package dev.latchkey.server.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The counting of the rate limits and throttles, in memory and without a clock of its own:
 * per subject and fixed window, what this node counted that the other nodes haven't heard of
 * yet, on top of the shared total it last read. {@link RateLimiter} shares the counts through
 * the database; this class only counts.
 */
final class WindowCounts {

	static final long HOUR_SECONDS = Duration.ofHours(1).toSeconds();

	private final Map<Window, Count> counts = new ConcurrentHashMap<>();

	/** Counts one event of a subject in the window that holds {@code nowSeconds}. */
	RateLimitDecision consume(String subject, long limit, Duration window, long nowSeconds) {
		Window key = Window.of(subject, window, nowSeconds);
		// A plain read first: computeIfAbsent locks the map's bin even when the count exists,
		// and every request of a busy user would queue on that lock.
		Count count = this.counts.get(key);
		if (count == null) {
			count = this.counts.computeIfAbsent(key, (absent) -> new Count());
		}
		long used = count.shared + count.syncing.get() + count.unsynced.incrementAndGet();
		return key.decision(limit, used, used <= limit, nowSeconds);
	}

	/**
	 * What a subject has used, counting nothing; allowed when one more would still be within
	 * the limit. A window this node hasn't counted in starts from {@code shared}'s total.
	 */
	RateLimitDecision peek(String subject, long limit, Duration window, long nowSeconds,
			ToLongFunction<Window> shared) {
		Window key = Window.of(subject, window, nowSeconds);
		Count count = this.counts.get(key);
		if (count == null) {
			Count loaded = new Count();
			loaded.shared = shared.applyAsLong(key);
			Count raced = this.counts.putIfAbsent(key, loaded);
			count = (raced != null) ? raced : loaded;
		}
		long used = count.shared + count.syncing.get() + count.unsynced.get();
		return key.decision(limit, used, used < limit, nowSeconds);
	}

	/**
	 * Takes what this node counted since the last time, to be added to the shared totals. Until
	 * {@link #committed} or {@link #giveBack}, the taken events still count here: a throttle
	 * must not forget a failure for the moment its count is on its way to the database.
	 */
	Map<Window, Long> takeUnsynced() {
		Map<Window, Long> deltas = new HashMap<>();
		this.counts.forEach((key, count) -> {
			long delta = count.unsynced.get();
			if (delta > 0) {
				// Syncing before it leaves unsynced: a reader in between sees it twice, never not at all.
				count.syncing.addAndGet(delta);
				count.unsynced.addAndGet(-delta);
				deltas.put(key, delta);
			}
		});
		return deltas;
	}

	/**
	 * The taken events are in the shared totals now: until those are read again, they are added
	 * to the total read last. Only the sync, one at a time, writes {@code shared}.
	 */
	void committed(Map<Window, Long> deltas) {
		deltas.forEach((key, delta) -> {
			Count count = this.counts.get(key);
			if (count != null) {
				count.shared += delta;
				count.syncing.addAndGet(-delta);
			}
		});
	}

	/** Puts back what could not be shared, to be tried again. */
	void giveBack(Map<Window, Long> deltas) {
		deltas.forEach((key, delta) -> {
			Count count = this.counts.get(key);
			if (count != null) {
				count.unsynced.addAndGet(delta);
				count.syncing.addAndGet(-delta);
			}
		});
	}

	/** Forgets windows that ended by {@code nowSeconds}. */
	void forgetEnded(long nowSeconds) {
		this.counts.keySet().removeIf((key) -> key.end() <= nowSeconds);
	}

	/** The windows counted in, to read their shared totals. */
	List<Window> windows() {
		return List.copyOf(this.counts.keySet());
	}

	/** The shared total of a window as just read, every node's synced events included. */
	void shared(Window window, long total) {
		Count count = this.counts.get(window);
		if (count != null) {
			count.shared = total;
		}
	}

	/**
	 * One subject's fixed window. Windows divide an hour, so each ends on the hour's boundaries
	 * on every node.
	 *
	 * @param subject what is counted, such as {@code user:42}
	 * @param start the window's start, in epoch seconds
	 * @param seconds its length
	 */
	record Window(String subject, long start, long seconds) {

		static Window of(String subject, Duration window, long nowSeconds) {
			long seconds = window.toSeconds();
			if (seconds <= 0 || HOUR_SECONDS % seconds != 0) {
				throw new IllegalArgumentException("A rate-limit window must divide an hour: " + window);
			}
			return new Window(subject, nowSeconds - (nowSeconds % seconds), seconds);
		}

		long end() {
			return this.start + this.seconds;
		}

		RateLimitDecision decision(long limit, long used, boolean allowed, long nowSeconds) {
			return new RateLimitDecision(limit, used, end(), allowed, Math.max(1, end() - nowSeconds));
		}

	}

	private static final class Count {

		/** Events this node counted that the shared total doesn't have yet. */
		final AtomicLong unsynced = new AtomicLong();

		/** Events taken to be added to the shared total, not yet known to be in it. */
		final AtomicLong syncing = new AtomicLong();

		/** The shared total as last read, every node's synced events included. */
		volatile long shared;

	}

}
