package dev.latchkey.server.check;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code latchkey.token.checks}: how many token checks there were, by outcome, and how long
 * they took. Timers are made once, so recording costs a counter update on the hot path.
 */
@Component
public class TokenCheckMetrics {

	private final Timer valid;

	private final Timer invalid;

	TokenCheckMetrics(MeterRegistry registry, TokenCache cache) {
		this.valid = Timer.builder("latchkey.token.checks").tag("outcome", "valid").register(registry);
		this.invalid = Timer.builder("latchkey.token.checks").tag("outcome", "invalid").register(registry);
		cache.bindTo(registry);
	}

	void record(TokenCheck check, long nanos) {
		((check instanceof TokenCheck.Valid) ? this.valid : this.invalid).record(nanos, TimeUnit.NANOSECONDS);
	}

}
