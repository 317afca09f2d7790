package dev.latchkey.server.token.expiry;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail about expiring personal access tokens.
 *
 * @param reminders how long before expiry to remind the owner, each once (GitHub: 7 days; GitLab also 30 and 60)
 * @param checkInterval how often tokens are checked for reminders and expiry
 */
@ConfigurationProperties("latchkey.expiry-mail")
public record ExpiryMailProperties(@DefaultValue("7d") List<Duration> reminders,
		@DefaultValue("15m") Duration checkInterval) {
}
