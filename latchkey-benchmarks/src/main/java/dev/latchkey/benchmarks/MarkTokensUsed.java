package dev.latchkey.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Marks every token of a seeded database as used an hour ago from one address, for the
 * data-scale benchmark's second uncached run.
 * <pre>
 * java -cp latchkey-benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.MarkTokensUsed \
 *     JDBC_URL USER PASSWORD IP_ADDRESS
 * </pre>
 * Right after seeding, every request of an uncached run is a token's first use ever, so each
 * one also costs a first "last used" row, a first-use address and a security log entry. A
 * platform's stored tokens have mostly been used before: marked this way, a request for a
 * token that isn't cached costs the lookup and a "last used" update, the usual case.
 */
public final class MarkTokensUsed {

	/** Tokens per transaction, so that neither database holds a million rows' undo at once. */
	private static final long RANGE = 50_000;

	private MarkTokensUsed() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String ip = args[3];
		OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
		long started = System.nanoTime();
		try (Connection db = DriverManager.getConnection(url, args[1], args[2])) {
			db.setAutoCommit(false);
			long maxId = maxTokenId(db);
			long marked = 0;
			try (PreparedStatement lastUses = db.prepareStatement("""
					INSERT INTO token_last_uses (token_id, last_used_at, last_used_ip)
					SELECT t.id, ?, ? FROM personal_access_tokens t
					WHERE t.id BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM token_last_uses u WHERE u.token_id = t.id)""");
					PreparedStatement addresses = db.prepareStatement("""
							INSERT INTO token_ip_addresses (token_id, ip_address, first_used_at)
							SELECT t.id, ?, ? FROM personal_access_tokens t
							WHERE t.id BETWEEN ? AND ?
							AND NOT EXISTS (SELECT 1 FROM token_ip_addresses a WHERE a.token_id = t.id AND a.ip_address = ?)""")) {
				for (long from = 1; from <= maxId; from += RANGE) {
					lastUses.setObject(1, anHourAgo);
					lastUses.setString(2, ip);
					lastUses.setLong(3, from);
					lastUses.setLong(4, from + RANGE - 1);
					marked += lastUses.executeUpdate();
					addresses.setString(1, ip);
					addresses.setObject(2, anHourAgo);
					addresses.setLong(3, from);
					addresses.setLong(4, from + RANGE - 1);
					addresses.setString(5, ip);
					addresses.executeUpdate();
					db.commit();
				}
			}
			BulkLoads.compactIfH2(url, db);
			System.out.printf("Marked %,d tokens as used from %s in %.1f s%n", marked, ip,
					(System.nanoTime() - started) / 1e9);
		}
	}

	private static long maxTokenId(Connection db) throws Exception {
		try (Statement query = db.createStatement();
				ResultSet result = query.executeQuery("SELECT COALESCE(MAX(id), 0) FROM personal_access_tokens")) {
			result.next();
			return result.getLong(1);
		}
	}

}
