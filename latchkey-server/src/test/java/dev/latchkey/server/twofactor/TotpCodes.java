package dev.latchkey.server.twofactor;

import java.time.Instant;

import org.apache.commons.codec.binary.Base32;

/** What an authenticator app shows for a setup key, for tests outside this package. */
public final class TotpCodes {

	private TotpCodes() {
	}

	/** The code for the setup key (Base32, as the page shows it) at that instant. */
	public static String at(String setupKey, Instant now) {
		return Totp.code(new Base32().decode(setupKey), Totp.step(now));
	}

}
