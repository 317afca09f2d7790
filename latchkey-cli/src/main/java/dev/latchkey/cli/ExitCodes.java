package dev.latchkey.cli;

/**
 * The exit codes of {@code latchkey}, documented in its help.
 */
final class ExitCodes {

	/** Success. */
	static final int OK = 0;

	/** The server refused the request (a 4xx or 5xx answer other than those below). */
	static final int FAILED = 1;

	/** Wrong usage: an unknown command or option (picocli's own code). */
	static final int USAGE = 2;

	/** The host can't be reached. */
	static final int UNREACHABLE = 3;

	/** Not logged in, or the login or token has expired or was revoked. */
	static final int AUTHENTICATION = 4;

	/** Denied: the device code was refused, or the token lacks a scope. */
	static final int DENIED = 5;

	/** The device code expired before it was approved. */
	static final int EXPIRED = 6;

	static final String HELP = """
			Exit codes: 0 success, 1 request failed, 2 usage error, 3 host unreachable,
			4 not logged in or login expired, 5 denied (device code refused or scope missing),
			6 device code expired.
			Environment: LATCHKEY_HOST (default host), LATCHKEY_TOKEN (use this token instead of the login).""";

	private ExitCodes() {
	}

}
