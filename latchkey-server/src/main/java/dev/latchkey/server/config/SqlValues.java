package dev.latchkey.server.config;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * The few conversions every store makes the same way: times go in and out of
 * {@code TIMESTAMP WITH TIME ZONE} columns in UTC, the same on H2 and PostgreSQL, and typed
 * text is searched with {@code LIKE ... ESCAPE '\'} as text, never as a pattern.
 */
public final class SqlValues {

	private SqlValues() {
	}

	/** A time for a timestamp column, in UTC; absent stays absent. */
	public static @Nullable OffsetDateTime utc(@Nullable Instant at) {
		return (at != null) ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : null;
	}

	/** A timestamp column as an instant; {@code NULL} as absent. */
	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A {@code LIKE} pattern matching values that contain {@code text}: its {@code %}, {@code _}
	 * and {@code \} match themselves, so typing them finds them rather than everything.
	 */
	public static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
