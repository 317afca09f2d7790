package dev.latchkey.server.check;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.latchkey.server.ratelimit.ThrottleProperties;

/**
 * A budget of failed token checks per client address: malformed, unknown, expired and revoked
 * tokens presented to any endpoint that checks them with the caller's address (the API, the
 * metrics). It lives in the token check itself so that no such door can forget it. A made-up token with a good checksum (CRC32 is public) costs a database
 * lookup; past the budget the address is answered {@code 429} before any lookup, until its
 * fixed window ends.
 * <p>
 * In memory and on this node only, unlike the sign-in throttles: the check sits on the hot
 * path of every API request, so it is one map read, with no shared store behind it. Behind a
 * load balancer an address gets the budget once per node, which still bounds what guessing
 * costs. Only failures are counted, so a good token never adds to it; an address that has
 * used it up is refused even with a good token until the window ends, since the check comes
 * before the lookup that would tell. The map holds at most {@value #MAX_ADDRESSES} addresses:
 * beyond that the least recently failing are forgotten, which costs an attacker with that
 * many addresses nothing they didn't have.
 */
@Component
class FailedTokenChecks {

	static final int MAX_ADDRESSES = 100_000;

	private final Clock clock;

	private final long limit;

	private final long windowSeconds;

	private final Cache<String, Window> failures;

	@Autowired
	FailedTokenChecks(ThrottleProperties properties, Clock clock) {
		this(properties.failedTokenChecksPerAddress(), properties.window(), clock);
	}

	/** @param limit failed checks allowed per address per window; 0 for no limit */
	FailedTokenChecks(long limit, Duration window, Clock clock) {
		this.clock = clock;
		this.limit = limit;
		this.windowSeconds = window.toSeconds();
		this.failures = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(window).build();
	}

	/** Seconds until the address may present a token again; 0 when it may now. */
	long refusedFor(String address) {
		if (this.limit <= 0) {
			return 0;
		}
		Window window = this.failures.getIfPresent(address);
		if (window == null || window.count.get() < this.limit) {
			return 0;
		}
		long now = this.clock.millis() / 1000;
		if (window.start != windowStart(now)) {
			return 0;
		}
		return Math.max(1, window.start + this.windowSeconds - now);
	}

	/** Counts a failed check from the address. */
	void failed(String address) {
		if (this.limit <= 0) {
			return;
		}
		long start = windowStart(this.clock.millis() / 1000);
		this.failures.asMap()
			.compute(address, (key, window) -> (window == null || window.start != start) ? new Window(start) : window)
			.count
			.incrementAndGet();
	}

	private long windowStart(long now) {
		return now - (now % this.windowSeconds);
	}

	private static final class Window {

		final long start;

		final AtomicLong count = new AtomicLong();

		Window(long start) {
			this.start = start;
		}

	}

}
