package dev.latchkey.server.api;

import org.springframework.security.access.AccessDeniedException;

import dev.latchkey.server.token.ActiveToken;

/**
 * The rule of every admin endpoint beyond its {@code admin} scope: the token's user must
 * still be an admin now, not only when the token was made.
 */
public final class AdminAccess {

	private AdminAccess() {
	}

	/** @throws AccessDeniedException ({@code 403}) if the token's user is not an admin */
	public static void require(ActiveToken caller) {
		if (!caller.admin()) {
			throw new AccessDeniedException("Only admins can do this.");
		}
	}

}
