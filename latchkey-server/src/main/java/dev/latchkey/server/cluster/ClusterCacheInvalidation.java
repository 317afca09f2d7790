package dev.latchkey.server.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.config.PeerNodes;
import dev.latchkey.server.oauth.OAuthClientRepository;

/**
 * Keeps the in-memory caches of several nodes honest on PostgreSQL with {@code LISTEN} and
 * {@code NOTIFY}: when a node revokes or changes a token (or an app's secrets, or suspends an
 * account), its caches tell {@link ClusterNotifier} after the change is committed, and every
 * node listening here evicts those entries at once. Notifications PostgreSQL refused are sent
 * again from this listening connection.
 * A node that loses its listening connection may miss notifications, so when it listens again
 * it drops its caches whole; in between, cached tokens keep working for the rest of their
 * cache lifetime. On H2 there is one node and nothing to do.
 */
@Component
class ClusterCacheInvalidation {

	private static final Logger log = LoggerFactory.getLogger(ClusterCacheInvalidation.class);

	private static final String TOKEN = ClusterNotifier.prefix(PeerNodes.Cache.TOKEN);

	private static final String CLIENT = ClusterNotifier.prefix(PeerNodes.Cache.CLIENT);

	private static final String ACCOUNT = ClusterNotifier.prefix(PeerNodes.Cache.ACCOUNT);

	private final DataSource dataSource;

	private final ClusterNotifier notifier;

	private final TokenCache tokens;

	private final OAuthClientRepository clients;

	private final AccountStore accounts;

	private volatile boolean running;

	private Thread listener;

	ClusterCacheInvalidation(DataSource dataSource, ClusterNotifier notifier, TokenCache tokens,
			OAuthClientRepository clients, AccountStore accounts) {
		this.accounts = accounts;
		this.dataSource = dataSource;
		this.notifier = notifier;
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
		this.notifier.activate();
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

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + ClusterNotifier.CHANNEL);
				}
				// Anything changed before this LISTEN took effect was missed: start clean.
				clearAll();
				this.notifier.retryNow();
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					this.notifier.sendPending(connection);
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
