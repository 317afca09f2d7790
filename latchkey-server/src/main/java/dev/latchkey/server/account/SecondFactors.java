package dev.latchkey.server.account;

import java.util.Optional;

/**
 * What sign-in and "Confirm access" need of two-factor authentication, which lives in its own
 * feature and plugs in here.
 */
public interface SecondFactors {

	/** Whether the account signs in with a second factor after its password. */
	boolean enabled(long accountId);

	/** How many of the account's recovery codes are still unused. */
	int unusedRecoveryCodes(long accountId);

	/**
	 * Checks a code from the authenticator app or one of the recovery codes, and uses it up:
	 * the same code never works twice.
	 * @return the kind of code that matched, or empty if none did
	 */
	Optional<SecondFactor> verify(long accountId, String code);

	/** The second factors there are. */
	enum SecondFactor {

		/** A code from an authenticator app (TOTP). */
		AUTHENTICATOR_APP("authenticator_app"),

		/** One of the account's recovery codes. */
		RECOVERY_CODE("recovery_code");

		private final String code;

		SecondFactor(String code) {
			this.code = code;
		}

		/** The name in the security log. */
		public String code() {
			return this.code;
		}

	}

}
