package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.server.config.SqlValues;

/**
 * Deletes grants that nothing can use any more. Every client-credentials request makes a new
 * grant, so machine-to-machine callers (the server's own resource-list token among them) would
 * otherwise fill {@code oauth2_authorizations} for ever; so would flows that were started and
 * never finished. Users' grants that got tokens stay, expired or not: the authorized-apps page
 * shows when each app last used them.
 */
@Component
class DeadGrantPurge {

	private static final Logger log = LoggerFactory.getLogger(DeadGrantPurge.class);

	/** How long after its last expiry a dead grant is kept, for anyone looking into a recent failure. */
	private static final Duration GRACE = Duration.ofDays(1);

	/** Rows per statement, so a first purge of a big table doesn't hold one long transaction. */
	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	DeadGrantPurge(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${latchkey.oauth.purge-interval:1h}", initialDelayString = "${latchkey.oauth.purge-interval:1h}")
	int purge() {
		return purge(this.clock.instant());
	}

	/** Deletes the client-credentials grants and unfinished flows dead for a day by {@code now}; answers how many. */
	int purge(Instant now) {
		var cutoff = SqlValues.utc(now.minus(GRACE));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql("""
					DELETE FROM oauth2_authorizations WHERE id IN (
					    SELECT id FROM oauth2_authorizations
					    WHERE created_at < :cutoff AND refresh_hash IS NULL
					    AND (grant_type = 'client_credentials' OR access_hash IS NULL)
					    AND (access_expires_at IS NULL OR access_expires_at < :cutoff)
					    AND (code_expires_at IS NULL OR code_expires_at < :cutoff)
					    AND (device_code_expires_at IS NULL OR device_code_expires_at < :cutoff)
					    FETCH FIRST :batch ROWS ONLY)""")
				.param("cutoff", cutoff)
				.param("batch", BATCH)
				.update();
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} OAuth grants that expired before {}", total, cutoff);
		}
		return total;
	}

}
