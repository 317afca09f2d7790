package dev.latchkey.server;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real databases for tests, migrated by Latchkey's own migrations: a private in-memory H2,
 * or a fresh database on the PostgreSQL server that {@code .ci/run} starts and names in
 * {@code LATCHKEY_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}). Without
 * that server the PostgreSQL tests are skipped on a developer's machine and fail in CI.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	public static DataSource h2() {
		return migrated(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
	}

	public static DataSource postgres() {
		return migrated(freshPostgres());
	}

	/** A new, empty PostgreSQL database, not yet migrated. */
	public static DriverManagerDataSource freshPostgres() {
		assumePostgres();
		String url = System.getenv("LATCHKEY_TEST_POSTGRES_URL");
		if (url == null) {
			throw new IllegalStateException("CI must provide LATCHKEY_TEST_POSTGRES_URL");
		}
		String user = System.getenv().getOrDefault("LATCHKEY_TEST_POSTGRES_USER", "postgres");
		String password = System.getenv().getOrDefault("LATCHKEY_TEST_POSTGRES_PASSWORD", "");
		String name = "latchkey_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(url, user, password);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a test database on " + url, ex);
		}
		String databaseUrl = url.substring(0, url.lastIndexOf('/') + 1) + name;
		return new DriverManagerDataSource(databaseUrl, user, password);
	}

	/** Skips the calling test where no PostgreSQL is configured, except in CI. */
	public static void assumePostgres() {
		assumeTrue(System.getenv("LATCHKEY_TEST_POSTGRES_URL") != null || System.getenv("CI") != null,
				"Set LATCHKEY_TEST_POSTGRES_URL to a PostgreSQL server to run the PostgreSQL tests (.ci/run does)");
	}

	private static DataSource migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		return dataSource;
	}

	/**
	 * Every value in every table of the application's schema, as text: what an attacker who
	 * copied the database would see.
	 */
	public static String dumpAllValues(DataSource dataSource) throws SQLException {
		StringBuilder dump = new StringBuilder();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = meta.getTables(null, null, "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					if ("public".equals(rs.getString("TABLE_SCHEM").toLowerCase(Locale.ROOT))) {
						tables.add(rs.getString("TABLE_NAME"));
					}
				}
			}
			if (tables.isEmpty()) {
				throw new IllegalStateException("No tables found to dump");
			}
			for (String table : tables) {
				try (Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
					int columns = rows.getMetaData().getColumnCount();
					while (rows.next()) {
						for (int i = 1; i <= columns; i++) {
							dump.append(rows.getString(i)).append('\t');
						}
						dump.append('\n');
					}
				}
			}
		}
		return dump.toString();
	}

}
