package dev.latchkey.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What the seeding tools do after writing many rows at once. */
final class BulkLoads {

	private BulkLoads() {
	}

	/**
	 * Compacts an H2 database and closes it; nothing on PostgreSQL. A bulk load leaves H2's file
	 * full of half-empty chunks (6 GB for a million tokens), which H2 then rewrites in the
	 * background whenever the server writes anything, the collector copying every page it reads.
	 * A real table grows slowly and is compacted as it goes; compact once, as after any bulk load.
	 */
	static void compactIfH2(String url, Connection db) throws SQLException {
		if (url.startsWith("jdbc:h2:")) {
			try (Statement compact = db.createStatement()) {
				compact.execute("SHUTDOWN COMPACT");
			}
		}
	}

}
