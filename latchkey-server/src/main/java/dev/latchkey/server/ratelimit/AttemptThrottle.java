package dev.latchkey.server.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenSecret;

/**
 * Failed attempts at one door (signing in, confirming access, entering a device code),
 * counted per account and per client address in fixed windows on the rate limiter's shared
 * store, so every node sees them. A door asks before the attempt, so a refused attempt costs
 * no password hash, and counts only failures: a person who gets it right is never slowed.
 * <p>
 * Accounts are counted by a hash of what was typed, lower-cased as usernames are matched:
 * an unknown username is counted exactly like a known one (nothing tells them apart), and a
 * password typed into the username field never reaches the database.
 */
public final class AttemptThrottle {

	private final RateLimiter limiter;

	private final String door;

	private final long perAccount;

	private final long perAddress;

	private final Duration window;

	/**
	 * @param door a short name, unique among the doors, that prefixes its counts
	 * @param perAccount failures allowed per account per window; 0 for no limit
	 * @param perAddress failures allowed per client address per window; 0 for no limit
	 */
	public AttemptThrottle(RateLimiter limiter, String door, long perAccount, long perAddress, Duration window) {
		this.limiter = limiter;
		this.door = door;
		this.perAccount = perAccount;
		this.perAddress = perAddress;
		this.window = window;
	}

	/**
	 * Whether an attempt must be refused because its account or its address has used up its
	 * failures, and for how long.
	 * @param account the username or account id the attempt is for, if it names one
	 */
	public Optional<Refusal> refusal(@Nullable String account, String address) {
		Optional<Refusal> byAddress = refusal(addressSubject(address), this.perAddress, Refusal.Limit.ADDRESS);
		if (byAddress.isPresent() || account == null) {
			return byAddress;
		}
		return refusal(accountSubject(account), this.perAccount, Refusal.Limit.ACCOUNT);
	}

	/** Counts a failed attempt against its account and its address. */
	public void failed(@Nullable String account, String address) {
		if (this.perAddress > 0) {
			this.limiter.consume(addressSubject(address), this.perAddress, this.window);
		}
		if (account != null && this.perAccount > 0) {
			this.limiter.consume(accountSubject(account), this.perAccount, this.window);
		}
	}

	private Optional<Refusal> refusal(String subject, long limit, Refusal.Limit which) {
		if (limit <= 0) {
			return Optional.empty();
		}
		RateLimitDecision decision = this.limiter.peek(subject, limit, this.window);
		if (decision.allowed()) {
			return Optional.empty();
		}
		// Counted on the shared store too, so that of a flood of refused attempts only the
		// first of each window is worth a line in the security log.
		boolean first = this.limiter.consume("refused:" + subject, 1, this.window).allowed();
		return Optional.of(new Refusal(Duration.ofSeconds(decision.secondsToReset()), which, first));
	}

	private String addressSubject(String address) {
		return this.door + ":address:" + address;
	}

	private String accountSubject(String account) {
		return this.door + ":account:" + TokenSecret.sha256Hex(account.toLowerCase(Locale.ROOT));
	}

	/**
	 * An attempt turned away before it was tried.
	 *
	 * @param retryAfter how long until the window that refused it ends
	 * @param limit which limit was used up
	 * @param first whether this is the first refusal of that limit in its window
	 */
	public record Refusal(Duration retryAfter, Limit limit, boolean first) {

		/** Whole minutes to wait, rounded up, as the page says it. */
		public long minutes() {
			return Math.max(1, (this.retryAfter.toSeconds() + 59) / 60);
		}

		/** The limit that was used up. */
		public enum Limit {

			ACCOUNT, ADDRESS;

			/** The name in the security log's details. */
			public String code() {
				return name().toLowerCase(Locale.ROOT);
			}

		}

	}

}
