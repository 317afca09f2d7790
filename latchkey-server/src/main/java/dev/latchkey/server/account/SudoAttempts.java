package dev.latchkey.server.account;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.web.SignedInUser;

/**
 * Throttles and logs password confirmations of sudo mode. Whoever stands at "Confirm access"
 * already holds a session, perhaps a stolen one; without a limit the page would let them
 * guess the password behind it as fast as bcrypt allows.
 */
@Component
class SudoAttempts {

	private final AttemptThrottle throttle;

	private final AuditLog audit;

	SudoAttempts(RateLimiter limiter, ThrottleProperties properties, AuditLog audit) {
		this.throttle = new AttemptThrottle(limiter, "sudo", properties.sudoFailuresPerAccount(),
				properties.sudoFailuresPerAddress(), properties.window());
		this.audit = audit;
	}

	/** Whether the user must wait before trying again; logged once per window and limit. */
	Optional<AttemptThrottle.Refusal> refusal(SignedInUser user, String address) {
		Optional<AttemptThrottle.Refusal> refusal = this.throttle.refusal(Long.toString(user.accountId()), address);
		refusal.filter(AttemptThrottle.Refusal::first)
			.ifPresent((first) -> this.audit.record(SecurityAction.SUDO_THROTTLED, user.accountId(), null,
					Map.of("limit", first.limit().code())));
		return refusal;
	}

	/** Counts and logs a wrong password. */
	void failed(SignedInUser user, String address) {
		this.throttle.failed(Long.toString(user.accountId()), address);
		this.audit.record(SecurityAction.SUDO_FAILED, user.accountId(), null, Map.of());
	}

}
