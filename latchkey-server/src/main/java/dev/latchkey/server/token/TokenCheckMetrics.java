package dev.latchkey.server.token;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code latchkey.token.checks}: how many token checks there were, by outcome, and how long
 * they took. Timers are made once, so recording costs a counter update on the hot path.
 */
@Component
public class TokenCheckMetrics {

	static final TokenCheckMetrics NONE = new TokenCheckMetrics();

	private final @Nullable Timer valid;

	private final @Nullable Timer invalid;

	@Autowired
	TokenCheckMetrics(MeterRegistry registry, TokenCache cache) {
		this.valid = Timer.builder("latchkey.token.checks").tag("outcome", "valid").register(registry);
		this.invalid = Timer.builder("latchkey.token.checks").tag("outcome", "invalid").register(registry);
		cache.bindTo(registry);
	}

	private TokenCheckMetrics() {
		this.valid = null;
		this.invalid = null;
	}

	void record(TokenCheck check, long nanos) {
		Timer timer = (check instanceof TokenCheck.Valid) ? this.valid : this.invalid;
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

}
