package dev.latchkey.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;

/**
 * The security log in the database. Details are stored as {@code key=value} lines, which
 * keeps them readable in SQL and needs no JSON type that H2 and PostgreSQL spell differently.
 */
@Repository
class SecurityEventStore {

	private static final int MAX_DETAILS = 2000;

	private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n]");

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SecurityEventStore(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	void insert(Instant at, SecurityAction action, @Nullable Long accountId, Origin origin, @Nullable Long tokenId,
			Map<String, String> details) {
		this.jdbc.sql("""
				INSERT INTO security_events (occurred_at, action, account_id, actor, ip_address, user_agent, token_id, details)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(SqlValues.utc(at), action.code(), accountId, origin.actor(), origin.ipAddress(), origin.userAgent(), tokenId,
					encode(details))
			.update();
	}

	void insertAll(Instant at, List<AuditLog.Entry> entries) {
		this.batch.batchUpdate("""
				INSERT INTO security_events (occurred_at, action, account_id, actor, ip_address, user_agent, token_id, details)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", entries, 1000, (ps, entry) -> {
			ps.setObject(1, SqlValues.utc(at));
			ps.setString(2, entry.action().code());
			ps.setObject(3, entry.accountId());
			ps.setString(4, entry.origin().actor());
			ps.setString(5, entry.origin().ipAddress());
			ps.setString(6, entry.origin().userAgent());
			ps.setObject(7, entry.tokenId());
			ps.setString(8, encode(entry.details()));
		});
	}

	List<SecurityEvent> find(SecurityEventQuery query) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		condition(where, params, " AND account_id = ?", query.accountId());
		condition(where, params, " AND action = ?", (query.action() != null) ? query.action().code() : null);
		condition(where, params, " AND actor = ?", query.actor());
		condition(where, params, " AND occurred_at >= ?", (query.since() != null) ? SqlValues.utc(query.since()) : null);
		condition(where, params, " AND id < ?", query.before());
		params.add(query.limit());
		return this.jdbc.sql("SELECT * FROM security_events" + where + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query(SecurityEventStore::event)
			.list();
	}

	/** Every entry matching the query's filters, oldest first, without holding them all in memory. */
	void forEach(SecurityEventQuery query, Consumer<SecurityEvent> consumer) {
		long before = Long.MAX_VALUE;
		List<SecurityEvent> page;
		do {
			page = find(new SecurityEventQuery(query.accountId(), query.action(), query.actor(), query.since(), before,
					SecurityEventQuery.MAX_LIMIT));
			page.forEach(consumer);
			before = page.isEmpty() ? before : page.get(page.size() - 1).id();
		}
		while (page.size() == SecurityEventQuery.MAX_LIMIT);
	}

	int deleteBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM security_events WHERE occurred_at < ?").param(SqlValues.utc(cutoff)).update();
	}

	private static void condition(StringBuilder where, List<Object> params, String clause, @Nullable Object value) {
		if (value != null) {
			where.append(clause);
			params.add(value);
		}
	}

	private static SecurityEvent event(ResultSet rs, int row) throws SQLException {
		long accountId = rs.getLong("account_id");
		Long account = rs.wasNull() ? null : accountId;
		long tokenId = rs.getLong("token_id");
		Long token = rs.wasNull() ? null : tokenId;
		return new SecurityEvent(rs.getLong("id"), SqlValues.instant(rs, "occurred_at"),
				SecurityAction.ofCode(rs.getString("action")).orElseThrow(), account, rs.getString("actor"),
				rs.getString("ip_address"), rs.getString("user_agent"), token, decode(rs.getString("details")));
	}

	static @Nullable String encode(Map<String, String> details) {
		if (details.isEmpty()) {
			return null;
		}
		StringBuilder lines = new StringBuilder();
		details.forEach((key, value) -> lines.append(key).append('=').append(LINE_BREAK.matcher(value).replaceAll(" ")).append('\n'));
		return (lines.length() > MAX_DETAILS) ? lines.substring(0, MAX_DETAILS) : lines.toString();
	}

	static Map<String, String> decode(@Nullable String lines) {
		Map<String, String> details = new LinkedHashMap<>();
		if (lines != null) {
			for (String line : lines.split("\n")) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					details.put(line.substring(0, equals), line.substring(equals + 1));
				}
			}
		}
		return details;
	}

}
