package dev.latchkey.cli;

/**
 * A failure the user can act on: one line on stderr and a documented exit code.
 */
final class CliException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	CliException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	CliException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	int exitCode() {
		return this.exitCode;
	}

}
