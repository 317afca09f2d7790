package dev.latchkey.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.latchkey.server.config.PeerNodes;

/**
 * The sending half of the cluster's cache invalidation: each eviction a cache reports goes
 * out as a PostgreSQL {@code NOTIFY} on {@value #CHANNEL}. A notification PostgreSQL refuses
 * is kept and sent again from the listening connection ({@link ClusterCacheInvalidation}),
 * for the change is committed and the other nodes must still hear of it. Silent until the
 * listener finds PostgreSQL: on H2 there is one node.
 */
@Component
class ClusterNotifier implements PeerNodes {

	static final String CHANNEL = "latchkey_cache";

	private static final Logger log = LoggerFactory.getLogger(ClusterNotifier.class);

	private final JdbcTemplate jdbc;

	private final PendingNotifications pending = new PendingNotifications();

	private volatile boolean active;

	ClusterNotifier(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The payload of one eviction, such as {@code t:<hash>}. */
	static String payload(Cache cache, String key) {
		return prefix(cache) + key;
	}

	static String prefix(Cache cache) {
		return switch (cache) {
			case TOKEN -> "t:";
			case CLIENT -> "c:";
			case ACCOUNT -> "a:";
		};
	}

	/** From now on, evictions are sent: the database is PostgreSQL and this node listens. */
	void activate() {
		this.active = true;
	}

	@Override
	public void forget(Cache cache, String key) {
		if (!this.active) {
			return;
		}
		String payload = payload(cache, key);
		try {
			this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> null, CHANNEL, payload);
		}
		catch (RuntimeException ex) {
			// The change itself is committed; the listening thread sends the notification again.
			this.pending.add(payload);
			log.warn("Could not notify other nodes of a cache change; will retry: {}", ex.getMessage());
		}
	}

	/** After listening again: whatever is pending goes at once. */
	void retryNow() {
		this.pending.retryNow();
	}

	/** Sends the notifications that failed before, on the listening connection, when due. */
	void sendPending(Connection connection) {
		List<String> due = this.pending.takeDue();
		int sent = 0;
		try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
			for (String payload : due) {
				notify.setString(1, CHANNEL);
				notify.setString(2, payload);
				notify.executeQuery().close();
				sent++;
			}
		}
		catch (SQLException ex) {
			this.pending.failed(due.subList(sent, due.size()));
			log.warn("Could not resend {} cache notifications; will retry: {}", due.size() - sent, ex.getMessage());
			return;
		}
		if (sent > 0) {
			log.info("Resent {} cache notifications that had failed", sent);
		}
	}

}
