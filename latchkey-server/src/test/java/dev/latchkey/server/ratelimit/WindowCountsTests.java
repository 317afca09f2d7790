package dev.latchkey.server.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.latchkey.server.ratelimit.WindowCounts.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rate limiter's counting on its own: no Spring, no database, time passed in. */
class WindowCountsTests {

	private static final Duration QUARTER = Duration.ofMinutes(15);

	/** 2026-12-01T12:05:00Z: five minutes into a quarter of an hour. */
	private static final long NOW = 1_796_126_700L;

	private final WindowCounts counts = new WindowCounts();

	@Test
	void consumeWhenPastTheLimitThenRefusedWithTheWindowsEnd() {
		RateLimitDecision first = this.counts.consume("user:1", 2, QUARTER, NOW);
		this.counts.consume("user:1", 2, QUARTER, NOW);
		RateLimitDecision third = this.counts.consume("user:1", 2, QUARTER, NOW);
		assertThat(first.allowed()).isTrue();
		assertThat(first.remaining()).isEqualTo(1);
		assertThat(third.allowed()).isFalse();
		assertThat(third.resetEpochSeconds()).isEqualTo(NOW - 300 + 900);
		assertThat(third.secondsToReset()).isEqualTo(600);
	}

	@Test
	void consumeWhenTheNextWindowBeginsThenCountedAfreshAndSubjectsApart() {
		this.counts.consume("user:1", 1, QUARTER, NOW);
		assertThat(this.counts.consume("user:1", 1, QUARTER, NOW).allowed()).isFalse();
		assertThat(this.counts.consume("user:2", 1, QUARTER, NOW).allowed()).isTrue();
		assertThat(this.counts.consume("user:1", 1, QUARTER, NOW + 600).allowed()).isTrue();
	}

	@Test
	void peekWhenWithinTheLimitThenCountsNothingAndStartsFromTheSharedTotal() {
		assertThat(this.counts.peek("ip:a", 3, QUARTER, NOW, (window) -> 2).allowed()).isTrue();
		assertThat(this.counts.peek("ip:a", 3, QUARTER, NOW, (window) -> 99).used()).isEqualTo(2);
		this.counts.consume("ip:a", 3, QUARTER, NOW);
		assertThat(this.counts.peek("ip:a", 3, QUARTER, NOW, (window) -> 0).allowed()).isFalse();
	}

	@Test
	void takeUnsyncedWhenTakenThenEmptyUntilMoreAreCountedAndGiveBackRestoresThem() {
		this.counts.consume("user:1", 10, QUARTER, NOW);
		this.counts.consume("user:1", 10, QUARTER, NOW);
		Map<Window, Long> deltas = this.counts.takeUnsynced();
		assertThat(deltas).containsExactly(Map.entry(new Window("user:1", NOW - 300, 900), 2L));
		assertThat(this.counts.takeUnsynced()).isEmpty();
		this.counts.giveBack(deltas);
		assertThat(this.counts.takeUnsynced()).isEqualTo(deltas);
	}

	@Test
	void peekWhileCountsAreOnTheirWayToTheDatabaseThenStillCounted() {
		for (int i = 0; i < 3; i++) {
			this.counts.consume("door:address:a", 3, QUARTER, NOW);
		}
		Map<Window, Long> taken = this.counts.takeUnsynced();
		assertThat(this.counts.peek("door:address:a", 3, QUARTER, NOW, (window) -> 0).allowed())
			.as("taken, not yet committed").isFalse();
		this.counts.committed(taken);
		assertThat(this.counts.peek("door:address:a", 3, QUARTER, NOW, (window) -> 0).used())
			.as("committed, before the shared total is read again").isEqualTo(3);
		this.counts.shared(new Window("door:address:a", NOW - 300, 900), 3);
		assertThat(this.counts.peek("door:address:a", 3, QUARTER, NOW, (window) -> 0).used()).isEqualTo(3);
	}

	@Test
	void giveBackWhenTheSyncFailedThenCountedOnceNotTwice() {
		this.counts.consume("user:1", 10, QUARTER, NOW);
		this.counts.giveBack(this.counts.takeUnsynced());
		assertThat(this.counts.peek("user:1", 10, QUARTER, NOW, (window) -> 0).used()).isEqualTo(1);
	}

	@Test
	void sharedWhenOtherNodesCountedThenTheirsAddToThisNodesOwn() {
		this.counts.consume("user:1", 5, QUARTER, NOW);
		this.counts.committed(this.counts.takeUnsynced());
		this.counts.shared(new Window("user:1", NOW - 300, 900), 4);
		assertThat(this.counts.consume("user:1", 5, QUARTER, NOW).used()).isEqualTo(5);
		assertThat(this.counts.consume("user:1", 5, QUARTER, NOW).allowed()).isFalse();
	}

	@Test
	void forgetEndedWhenTheWindowIsOverThenItsCountIsGone() {
		this.counts.consume("user:1", 5, QUARTER, NOW);
		this.counts.forgetEnded(NOW + 600);
		assertThat(this.counts.windows()).isEmpty();
	}

	@Test
	void windowWhenItDoesNotDivideAnHourThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.counts.consume("x", 1, Duration.ofMinutes(7), NOW));
	}

}
