package dev.latchkey.server.input;

import java.util.List;

/**
 * Input that breaks a rule: pages show the problems next to their fields, the API answers
 * {@code 422} with them in a problem-details body.
 */
public final class InvalidInputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super("Invalid input: " + problems.stream().map(FieldProblem::field).toList());
		this.problems = List.copyOf(problems);
	}

	public InvalidInputException(String field, String code, String message) {
		this(List.of(new FieldProblem(field, code, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
