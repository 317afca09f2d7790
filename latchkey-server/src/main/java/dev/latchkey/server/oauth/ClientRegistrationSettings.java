package dev.latchkey.server.oauth;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.InvalidInputException;

/**
 * The admins' say over RFC 7591 dynamic client registration: whether apps may register
 * themselves at {@code /oauth2/register}, and after how many days unused such an app is
 * deleted. One row, read on each registration and metadata request (neither is a hot path).
 */
@Component
public class ClientRegistrationSettings {

	static final int MAX_UNUSED_DAYS = 365;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ClientRegistrationSettings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * The setting.
	 *
	 * @param open whether apps may register themselves
	 * @param unusedDays how long an app that registered itself may go without a grant used or made
	 */
	public record Settings(boolean open, int unusedDays) {
	}

	public Settings current() {
		return this.jdbc.sql("SELECT open_registration, unused_days FROM client_registration_settings WHERE id = 1")
			.query((rs, row) -> new Settings(rs.getBoolean("open_registration"), rs.getInt("unused_days")))
			.single();
	}

	@Transactional
	public void save(Settings settings, long adminAccountId) {
		if (settings.unusedDays() < 1 || settings.unusedDays() > MAX_UNUSED_DAYS) {
			throw new InvalidInputException("unused_days", "out_of_range",
					"Days unused must be between 1 and " + MAX_UNUSED_DAYS + ".");
		}
		this.jdbc.sql("UPDATE client_registration_settings SET open_registration = ?, unused_days = ? WHERE id = 1")
			.params(settings.open(), settings.unusedDays())
			.update();
		this.audit.record(SecurityAction.CLIENT_REGISTRATION_CHANGED, adminAccountId, null,
				Map.of("open", Boolean.toString(settings.open()), "unused_days", Integer.toString(settings.unusedDays())));
	}

}
