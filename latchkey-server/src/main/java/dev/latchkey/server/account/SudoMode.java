package dev.latchkey.server.account;

import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * Remembers in the session when the user last proved they know their password, and tells
 * whether that was recent enough for a sensitive action.
 */
@Component
public class SudoMode {

	private static final String CONFIRMED_AT = SudoMode.class.getName() + ".CONFIRMED_AT";

	private final SudoProperties properties;

	private final Clock clock;

	SudoMode(SudoProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Records that the password was just proven (signing in or confirming access). */
	public void grant(HttpSession session) {
		session.setAttribute(CONFIRMED_AT, this.clock.instant());
	}

	/** Whether the password was proven within the configured duration. */
	public boolean isActive(HttpSession session) {
		return (session.getAttribute(CONFIRMED_AT) instanceof Instant confirmedAt)
				&& this.clock.instant().isBefore(confirmedAt.plus(this.properties.duration()));
	}

	/** The page that asks for the password and then goes on to {@code continuePath}. */
	public static String confirmUrl(String continuePath) {
		return "/sudo?continue=" + java.net.URLEncoder.encode(continuePath, java.nio.charset.StandardCharsets.UTF_8);
	}

}
