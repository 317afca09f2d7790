/**
 * An example API protected by Latchkey through the Spring Boot starter: notebooks and notes,
 * each user's own, behind the {@code notes:read} and {@code notes:write} scopes.
 */
@NullMarked
package dev.latchkey.examples.notes;

import org.jspecify.annotations.NullMarked;
