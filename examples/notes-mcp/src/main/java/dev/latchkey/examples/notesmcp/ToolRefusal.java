package dev.latchkey.examples.notesmcp;

/**
 * A tool call the caller may not make, or that names nothing of theirs. It is answered as a
 * tool error ({@code isError}), which the agent's model reads and can act on, rather than as a
 * protocol error, which only the client sees.
 */
final class ToolRefusal extends RuntimeException {

	ToolRefusal(String message) {
		super(message);
	}

}
