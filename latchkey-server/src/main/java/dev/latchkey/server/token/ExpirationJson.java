package dev.latchkey.server.token;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.InvalidInputException;

/**
 * Reads the API's expiry fields: {@code expires_at} (an RFC 3339 date-time, or a date that
 * the token works through), {@code expires_in_days}, or neither for no expiration.
 */
final class ExpirationJson {

	private ExpirationJson() {
	}

	static Expiration read(@Nullable String expiresAt, @Nullable Integer expiresInDays) {
		if (expiresAt != null && expiresInDays != null) {
			throw new InvalidInputException("expires_at", "conflict",
					"Give expires_at or expires_in_days, not both.");
		}
		if (expiresInDays != null) {
			return new Expiration.InDays(expiresInDays);
		}
		if (expiresAt == null) {
			return new Expiration.Never();
		}
		try {
			return new Expiration.At(OffsetDateTime.parse(expiresAt).toInstant());
		}
		catch (DateTimeParseException notDateTime) {
			try {
				return new Expiration.OnDate(LocalDate.parse(expiresAt));
			}
			catch (DateTimeParseException notDate) {
				throw new InvalidInputException("expires_at", "invalid",
						"expires_at must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z, or a date such as 2027-01-31.");
			}
		}
	}

}
