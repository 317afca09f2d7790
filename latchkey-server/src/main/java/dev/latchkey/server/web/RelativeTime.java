package dev.latchkey.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the pages show them: dates like "Dec 28, 2026" and ages like "3 minutes ago".
 */
public final class RelativeTime {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private RelativeTime() {
	}

	public static String date(Instant instant) {
		return DATE.format(instant);
	}

	public static String ago(Instant then, Instant now) {
		Duration age = Duration.between(then, now);
		if (age.toMinutes() < 1) {
			return "just now";
		}
		if (age.toHours() < 1) {
			return plural(age.toMinutes(), "minute") + " ago";
		}
		if (age.toDays() < 1) {
			return plural(age.toHours(), "hour") + " ago";
		}
		if (age.toDays() < 30) {
			return plural(age.toDays(), "day") + " ago";
		}
		return "on " + date(then);
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
