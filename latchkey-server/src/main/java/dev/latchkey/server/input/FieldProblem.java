package dev.latchkey.server.input;

/**
 * What is wrong with one field of a request or form.
 *
 * @param field the field's name as the client sent it, such as {@code expires_at}
 * @param code a stable machine-readable code, such as {@code too_long}
 * @param message a sentence for a person
 */
public record FieldProblem(String field, String code, String message) {

	/** A value as a message quotes it; values come from clients, so a hostile one is cut short. */
	public static String quote(String value) {
		String shown = (value.length() > 50) ? value.substring(0, 50) + "…" : value;
		return "\"" + shown + "\"";
	}

}
