package dev.latchkey.server.account;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, created at start if absent.
 *
 * @param username the admin's username (env {@code LATCHKEY_ADMIN_USERNAME})
 * @param password the admin's password (env {@code LATCHKEY_ADMIN_PASSWORD})
 */
@ConfigurationProperties("latchkey.admin")
public record AdminProperties(@Nullable String username, @Nullable String password) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + "]";
	}

}
