package dev.latchkey.examples.notes;

import java.time.Instant;

/**
 * A notebook.
 *
 * @param id its id
 * @param name its name
 * @param createdAt when it was made
 */
public record Notebook(long id, String name, Instant createdAt) {
}
