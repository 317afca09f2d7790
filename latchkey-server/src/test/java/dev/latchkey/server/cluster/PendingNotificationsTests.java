package dev.latchkey.server.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingNotificationsTests {

	@Test
	void takeDueWhenJustAddedThenWaitsForTheFirstBackoff() {
		PendingNotifications pending = new PendingNotifications();
		pending.add("t:abc");

		assertThat(pending.takeDue()).isEmpty();
		pending.retryNow();
		assertThat(pending.takeDue()).containsExactly("t:abc");
		assertThat(pending.takeDue()).isEmpty();
	}

	@Test
	void failedWhenSomeWereNotSentThenTheyAreKeptForTheNextAttempt() {
		PendingNotifications pending = new PendingNotifications();
		pending.add("t:one");
		pending.add("t:two");
		pending.retryNow();
		List<String> due = pending.takeDue();

		pending.failed(due.subList(1, due.size()));

		assertThat(pending.takeDue()).as("backing off").isEmpty();
		pending.retryNow();
		assertThat(pending.takeDue()).containsExactly("t:two");
	}

	@Test
	void addWhenMoreThanTheMaximumThenOneNotificationToDropEverything() {
		PendingNotifications pending = new PendingNotifications();
		for (int i = 0; i <= PendingNotifications.MAX_PAYLOADS; i++) {
			pending.add("t:" + i);
		}
		pending.add("t:after");

		pending.retryNow();
		assertThat(pending.takeDue()).containsExactly(PendingNotifications.EVERYTHING);
	}

}
