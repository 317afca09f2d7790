package dev.latchkey.server.ratelimit;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.PostgresTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limiter's sync on PostgreSQL when the database fails one of its statements: each
 * request must reach the shared total exactly once. The failure is a trigger that refuses a
 * statement, so the real statements run against the real database and one of them fails.
 */
class RateLimiterSyncTests extends PostgresTestBase {

	private static final int LIMIT = 1000;

	@Autowired
	RateLimiter limiter;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void dropTriggers() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS refuse ON rate_limit_windows").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS refuse_rate_limit_statement()").update();
	}

	@Test
	void syncWhenFailingAfterTheCountsWereAddedThenTheNextSyncDoesNotAddThemAgain() {
		String subject = "blip-after-" + UUID.randomUUID();
		// Holding the limiter keeps its scheduled sync out until this sync has failed.
		synchronized (this.limiter) {
			consume(subject, 3);
			refuse("DELETE");
			this.limiter.sync();
			assertThat(shared(subject)).as("the counts were added before the failing clean-up").isEqualTo(3);
		}
		dropTriggers();
		this.limiter.sync();

		assertThat(shared(subject)).isEqualTo(3);
		assertThat(this.limiter.consume(subject, LIMIT).used()).isEqualTo(4);
	}

	@Test
	void syncWhenFailingHalfwayThroughTheAdditionsThenNoneIsAddedTwice() {
		String known = "blip-known-" + UUID.randomUUID();
		String fresh = "blip-fresh-" + UUID.randomUUID();
		synchronized (this.limiter) {
			consume(known, 1);
			this.limiter.sync();
			consume(known, 2);
			consume(fresh, 1);
			// The update of the known subject runs, then the insert of the new one fails.
			refuse("INSERT");
			this.limiter.sync();
		}
		dropTriggers();
		this.limiter.sync();

		assertThat(shared(known)).isEqualTo(3);
		assertThat(shared(fresh)).isEqualTo(1);
	}

	private void consume(String subject, int requests) {
		for (int i = 0; i < requests; i++) {
			assertThat(this.limiter.consume(subject, LIMIT).allowed()).isTrue();
		}
	}

	/** Makes PostgreSQL refuse every statement of this kind on the shared totals. */
	private void refuse(String statement) {
		this.jdbc.sql("""
				CREATE FUNCTION refuse_rate_limit_statement() RETURNS trigger LANGUAGE plpgsql AS
				$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse BEFORE " + statement
				+ " ON rate_limit_windows FOR EACH STATEMENT EXECUTE FUNCTION refuse_rate_limit_statement()")
			.update();
	}

	private long shared(String subject) {
		return this.jdbc.sql("SELECT COALESCE(SUM(used), 0) FROM rate_limit_windows WHERE subject = ?")
			.param(subject)
			.query(Long.class)
			.single();
	}

}
