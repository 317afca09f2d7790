package dev.latchkey.server.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sudo mode, as on GitHub: sensitive actions need the password confirmed recently.
 *
 * @param duration how long a sign-in or a password confirmation counts as recent
 */
@ConfigurationProperties("latchkey.sudo")
public record SudoProperties(@DefaultValue("2h") Duration duration) {
}
