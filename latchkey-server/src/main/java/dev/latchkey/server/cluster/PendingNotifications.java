package dev.latchkey.server.cluster;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cache notifications that PostgreSQL refused, kept until they can be sent again: without
 * them another node would keep a revoked token working until its cache entry expires. Retries
 * back off from a quarter of a second to {@link #MAX_BACKOFF} while the database keeps
 * refusing. Memory is bounded: past {@link #MAX_PAYLOADS} the entries give way to one
 * notification that has every node drop its caches whole.
 */
final class PendingNotifications {

	/** The payload that has every node drop all its caches. */
	static final String EVERYTHING = "*";

	static final int MAX_PAYLOADS = 10_000;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

	private final Set<String> payloads = new LinkedHashSet<>();

	private Duration backoff = FIRST_BACKOFF;

	private long nextAttempt;

	/** Keeps a payload to send later; the first retry comes after the shortest backoff. */
	synchronized void add(String payload) {
		if (this.payloads.isEmpty()) {
			this.backoff = FIRST_BACKOFF;
			this.nextAttempt = System.nanoTime() + FIRST_BACKOFF.toNanos();
		}
		if (this.payloads.contains(EVERYTHING)) {
			return;
		}
		if (this.payloads.size() >= MAX_PAYLOADS) {
			this.payloads.clear();
			this.payloads.add(EVERYTHING);
			return;
		}
		this.payloads.add(payload);
	}

	/** The payloads to send now, taken out; none while empty or backing off. */
	synchronized List<String> takeDue() {
		if (this.payloads.isEmpty() || System.nanoTime() - this.nextAttempt < 0) {
			return List.of();
		}
		List<String> due = List.copyOf(this.payloads);
		this.payloads.clear();
		return due;
	}

	/** Puts back what could not be sent and waits longer before the next attempt. */
	synchronized void failed(List<String> unsent) {
		unsent.forEach(this::addBack);
		this.backoff = (this.backoff.compareTo(MAX_BACKOFF.dividedBy(2)) > 0) ? MAX_BACKOFF
				: this.backoff.multipliedBy(2);
		this.nextAttempt = System.nanoTime() + this.backoff.toNanos();
	}

	private void addBack(String payload) {
		if (!this.payloads.contains(EVERYTHING) && this.payloads.size() < MAX_PAYLOADS) {
			this.payloads.add(payload);
		}
		else {
			this.payloads.clear();
			this.payloads.add(EVERYTHING);
		}
	}

	/** Sends on the next attempt whatever is pending, without waiting out the backoff. */
	synchronized void retryNow() {
		this.nextAttempt = System.nanoTime();
	}

}
