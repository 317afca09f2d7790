package dev.latchkey.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.oauth.OAuthClientRepository;
import dev.latchkey.server.check.TokenCache;

/**
 * Keeps the in-memory caches of several nodes honest on PostgreSQL with {@code LISTEN} and
 * {@code NOTIFY}: when a node revokes or changes a token (or an app's secrets, or suspends an
 * account), it notifies the channel after the change is committed, and every node listening
 * evicts those entries at once. A notification PostgreSQL refuses is kept and sent again from
 * the listening thread, for the change is committed and the other nodes must still hear of it.
 * A node that loses its listening connection may miss notifications, so when it listens again
 * it drops its caches whole; in between, cached tokens keep working for the rest of their
 * cache lifetime. On H2 there is one node and nothing to do.
 */
@Component
class ClusterCacheInvalidation {

	static final String CHANNEL = "latchkey_cache";

	private static final Logger log = LoggerFactory.getLogger(ClusterCacheInvalidation.class);

	private static final String TOKEN = "t:";

	private static final String CLIENT = "c:";

	private static final String ACCOUNT = "a:";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TokenCache tokens;

	private final OAuthClientRepository clients;

	private final AccountStore accounts;

	private final PendingNotifications pending = new PendingNotifications();

	private volatile boolean running;

	private Thread listener;

	ClusterCacheInvalidation(DataSource dataSource, JdbcTemplate jdbc, TokenCache tokens,
			OAuthClientRepository clients, AccountStore accounts) {
		this.accounts = accounts;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.clients = clients;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return;
			}
		}
		this.tokens.publishEvictionsTo((hash) -> notifyOthers(TOKEN + hash));
		this.clients.publishEvictionsTo((clientId) -> notifyOthers(CLIENT + clientId));
		this.tokens.publishAccountEvictionsTo((accountId) -> notifyOthers(ACCOUNT + accountId));
		this.running = true;
		this.listener = new Thread(this::listen, "latchkey-cache-listener");
		this.listener.setDaemon(true);
		this.listener.start();
	}

	@PreDestroy
	void stop() {
		this.running = false;
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

	private void notifyOthers(String payload) {
		try {
			this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> null, CHANNEL, payload);
		}
		catch (RuntimeException ex) {
			// The change itself is committed; the listening thread sends the notification again.
			this.pending.add(payload);
			log.warn("Could not notify other nodes of a cache change; will retry: {}", ex.getMessage());
		}
	}

	/** Sends the notifications that failed before, on the listening connection, when due. */
	private void sendPending(Connection connection) {
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

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				// Anything changed before this LISTEN took effect was missed: start clean.
				clearAll();
				this.pending.retryNow();
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					sendPending(connection);
					PGNotification[] notifications = postgres.getNotifications(250);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							apply(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (!this.running) {
					return;
				}
				// Keep serving from the caches while the database is away; they are dropped on
				// reconnecting, for whatever was missed meanwhile.
				log.warn("Lost the cache notification connection; reconnecting: {}", ex.getMessage());
				pause();
			}
		}
	}

	private void apply(String payload) {
		if (PendingNotifications.EVERYTHING.equals(payload)) {
			clearAll();
		}
		else if (payload.startsWith(TOKEN)) {
			this.tokens.evictLocally(payload.substring(TOKEN.length()));
		}
		else if (payload.startsWith(CLIENT)) {
			this.clients.evictLocally(payload.substring(CLIENT.length()));
		}
		else if (payload.startsWith(ACCOUNT)) {
			long accountId = Long.parseLong(payload.substring(ACCOUNT.length()));
			this.tokens.evictAccountLocally(accountId);
			this.accounts.evictLocally(accountId);
		}
	}

	private void clearAll() {
		this.tokens.clear();
		this.clients.clear();
		this.accounts.clear();
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
