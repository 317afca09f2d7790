package dev.latchkey.server.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.input.InvalidInputException;

/**
 * The admins' policy "require two-factor authentication", of admins or of everyone. Whoever
 * it names and has no authenticator app has a grace period, counted from when the policy
 * started, in which the pages lead them to set it up; after it, they can use no page but the
 * one that sets it up, and create no token.
 */
@Component
class TwoFactorPolicy {

	static final int MAX_GRACE_DAYS = 90;

	private final JdbcClient jdbc;

	private final TwoFactorService twoFactor;

	private final AuditLog audit;

	private final Clock clock;

	TwoFactorPolicy(JdbcClient jdbc, TwoFactorService twoFactor, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.twoFactor = twoFactor;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whom two-factor authentication is required of. */
	enum RequiredOf {

		NONE, ADMINS, EVERYONE;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static RequiredOf of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

	/**
	 * The policy as stored.
	 *
	 * @param requiredOf whom it names
	 * @param graceDays how long they have to set it up
	 * @param requiredSince when it started naming them
	 */
	record Settings(RequiredOf requiredOf, int graceDays, @Nullable Instant requiredSince) {

		@Nullable Instant deadline() {
			return (this.requiredSince != null) ? this.requiredSince.plus(Duration.ofDays(this.graceDays)) : null;
		}

	}

	/** Where a user stands with the policy. */
	sealed interface Standing {

		/** Not required of them, or they have it. */
		record Free() implements Standing {
		}

		/** Required, and they have until the deadline. */
		record Grace(Instant deadline) implements Standing {
		}

		/** Required, and the grace period is over. */
		record Required() implements Standing {
		}

	}

	Settings settings() {
		return this.jdbc.sql("SELECT required_of, grace_days, required_since FROM two_factor_policy WHERE id = 1")
			.query((rs, row) -> new Settings(RequiredOf.of(rs.getString("required_of")), rs.getInt("grace_days"),
					SqlValues.instant(rs, "required_since")))
			.single();
	}

	/**
	 * Changes the policy. The grace period starts when it first names someone, so changing only
	 * the number of days doesn't restart it.
	 * @throws InvalidInputException if the days are out of range
	 */
	@Transactional
	void change(RequiredOf requiredOf, int graceDays, long by) {
		if (graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
			throw new InvalidInputException("grace_days", "out_of_range",
					"The grace period is 0 to " + MAX_GRACE_DAYS + " days.");
		}
		Settings before = settings();
		Instant since = (requiredOf == RequiredOf.NONE) ? null
				: (before.requiredSince() != null && before.requiredOf() != RequiredOf.NONE) ? before.requiredSince()
						: this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		this.jdbc.sql("UPDATE two_factor_policy SET required_of = ?, grace_days = ?, required_since = ? WHERE id = 1")
			.params(requiredOf.code(), graceDays, SqlValues.utc(since))
			.update();
		this.audit.record(SecurityAction.TWO_FACTOR_POLICY_CHANGED, by, null,
				Map.of("required_of", requiredOf.code(), "grace_days", Integer.toString(graceDays)));
	}

	/** Where the user stands: a query or two, on pages and token creation only. */
	Standing standing(long accountId, boolean admin) {
		Settings settings = settings();
		boolean named = switch (settings.requiredOf()) {
			case NONE -> false;
			case ADMINS -> admin;
			case EVERYONE -> true;
		};
		Instant deadline = settings.deadline();
		if (!named || deadline == null || this.twoFactor.enabled(accountId)) {
			return new Standing.Free();
		}
		return this.clock.instant().isBefore(deadline) ? new Standing.Grace(deadline) : new Standing.Required();
	}

}
