package dev.latchkey.server.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.InvalidInputException;

/**
 * Turns the filters of the security log's pages and API, as typed, into a query; a filter
 * that names nothing that exists is a clear error rather than an empty page.
 */
final class SecurityEventFilters {

	private SecurityEventFilters() {
	}

	static @Nullable SecurityAction action(@Nullable String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		return SecurityAction.ofCode(code.strip())
			.orElseThrow(() -> new InvalidInputException("action", "unknown", "There is no event named that."));
	}

	static @Nullable Long user(AccountIds accounts, @Nullable String username) {
		if (username == null || username.isBlank()) {
			return null;
		}
		return accounts.idOf(username.strip())
			.orElseThrow(() -> new InvalidInputException("user", "unknown", "There is no user with that username."));
	}

	static @Nullable Instant since(@Nullable String since) {
		if (since == null || since.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(since.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("since", "invalid",
					"Give the time as RFC 3339 in UTC, such as 2026-11-28T09:00:00Z.");
		}
	}

}
