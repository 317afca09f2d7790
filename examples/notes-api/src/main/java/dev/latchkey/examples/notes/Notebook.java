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

	/**
	 * The resource type of notebooks in fine-grained tokens, as Latchkey's token picker offers it
	 * ({@code latchkey.resources}).
	 */
	public static final String RESOURCE_TYPE = "notebook";

}
