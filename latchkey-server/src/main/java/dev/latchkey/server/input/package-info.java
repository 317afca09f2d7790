/**
 * Input that breaks a rule, as every feature reports it: one {@link InvalidInputException}
 * with a {@link FieldProblem} per field, and {@link NotFoundException} for what isn't there or
 * isn't the caller's. The API turns them into problem details, the pages into form errors
 * and the error page; the rules themselves know neither.
 */
@NullMarked
package dev.latchkey.server.input;

import org.jspecify.annotations.NullMarked;
