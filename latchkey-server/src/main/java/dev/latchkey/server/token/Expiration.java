package dev.latchkey.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * When a new or regenerated token should stop working, as the user chose it.
 */
public sealed interface Expiration {

	/** The instant the token expires, or {@code null} for never. */
	@Nullable Instant resolve(Clock clock);

	/** A number of days from now, as the 7/30/60/90 choices. */
	record InDays(int days) implements Expiration {

		@Override
		public Instant resolve(Clock clock) {
			return clock.instant().plus(Duration.ofDays(this.days));
		}

	}

	/** The end of a chosen day (UTC): the token works through that whole date. */
	record OnDate(LocalDate date) implements Expiration {

		@Override
		public Instant resolve(Clock clock) {
			return this.date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		}

	}

	/** An exact instant, as the API's {@code expires_at} gives it. */
	record At(Instant instant) implements Expiration {

		@Override
		public Instant resolve(Clock clock) {
			return this.instant;
		}

	}

	/** No expiration. Allowed, but not recommended. */
	record Never() implements Expiration {

		@Override
		public @Nullable Instant resolve(Clock clock) {
			return null;
		}

	}

}
