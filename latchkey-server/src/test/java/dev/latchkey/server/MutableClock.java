package dev.latchkey.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move forward by hand, so expiry and sudo mode need no waiting. It only
 * moves forward, so tests that share it can't disturb each other's "now".
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/** Moves to the start of the next window of this length, as fixed windows count from the epoch. */
	public synchronized void advanceToNext(Duration window) {
		long seconds = window.toSeconds();
		advance(Duration.ofSeconds(seconds - (this.now.getEpochSecond() % seconds)));
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(this.now, zone);
	}

}
