package dev.latchkey.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.latchkey.server.input.FieldProblem;

/**
 * Field problems as a page shows them: the first message for each field, by field name.
 */
public final class FormErrors {

	private FormErrors() {
	}

	public static Map<String, String> byField(List<FieldProblem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		problems.forEach((problem) -> errors.putIfAbsent(problem.field(), problem.message()));
		return errors;
	}

}
