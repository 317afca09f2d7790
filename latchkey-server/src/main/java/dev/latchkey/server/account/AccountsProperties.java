package dev.latchkey.server.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may create an account.
 *
 * @param signUp {@code open}: anyone, at {@code /signup}; {@code invite}: only who follows an
 * invitation an admin mailed; {@code closed}: nobody, admins alone make accounts
 * @param localSignIn whether people sign in with a password or passkey here; {@code false}
 * leaves the identity providers as the only way in (and no sign-up here), except for the first
 * admin, who must still be able to get in when a provider can't be reached
 */
@ConfigurationProperties("latchkey.accounts")
public record AccountsProperties(@DefaultValue("open") SignUp signUp, @DefaultValue("true") boolean localSignIn) {

	/** Whether accounts are made here at {@code /signup}: open, and not only through providers. */
	public boolean localSignUpOpen() {
		return this.localSignIn && this.signUp == SignUp.OPEN;
	}

	/** The sign-up modes. */
	public enum SignUp {

		OPEN, INVITE, CLOSED

	}

}
