package dev.latchkey.server.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may create an account.
 *
 * @param signUp {@code open}: anyone, at {@code /signup}; {@code invite}: only who follows an
 * invitation an admin mailed; {@code closed}: nobody, admins alone make accounts
 */
@ConfigurationProperties("latchkey.accounts")
public record AccountsProperties(@DefaultValue("open") SignUp signUp) {

	/** The sign-up modes. */
	public enum SignUp {

		OPEN, INVITE, CLOSED

	}

}
