package dev.latchkey.examples.notes;

import java.time.Instant;

/**
 * A note in a notebook.
 *
 * @param id its id
 * @param notebookId its notebook
 * @param title its title
 * @param body its text
 * @param updatedAt when it last changed
 */
public record Note(long id, long notebookId, String title, String body, Instant updatedAt) {
}
