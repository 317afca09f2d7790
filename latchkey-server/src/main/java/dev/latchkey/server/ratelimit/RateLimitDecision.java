package dev.latchkey.server.ratelimit;

/**
 * The answer to one request against a limit, with what GitHub's headers say.
 *
 * @param limit requests allowed in the window
 * @param used requests counted in the window, this one included
 * @param resetEpochSeconds when the window ends, in epoch seconds
 * @param allowed whether this request may go on
 * @param secondsToReset how long until the window ends
 */
public record RateLimitDecision(long limit, long used, long resetEpochSeconds, boolean allowed, long secondsToReset) {

	public long remaining() {
		return Math.max(0, this.limit - this.used);
	}

}
