package dev.latchkey.examples.notes;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The notes API. Its configuration is {@code notes-api.yml}, so it can run beside a Latchkey
 * server in one JVM (as its end-to-end tests do) without reading Latchkey's settings.
 */
@SpringBootApplication
public class NotesApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(NotesApplication.class).properties("spring.config.name=notes-api");
	}

}
