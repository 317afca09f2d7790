package dev.latchkey.server.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the REST API.
 *
 * @param perUserPerHour requests per user per hour across all their tokens (GitHub's 5,000); 0 turns limits off
 * @param syncInterval how often a node adds its counts to the shared totals and reads the others'
 * @param leakReportsPerIpPerHour reports of leaked credentials per client address per hour
 */
@ConfigurationProperties("latchkey.rate-limit")
public record RateLimitProperties(@DefaultValue("5000") long perUserPerHour, @DefaultValue("1s") Duration syncInterval,
		@DefaultValue("60") long leakReportsPerIpPerHour) {
}
