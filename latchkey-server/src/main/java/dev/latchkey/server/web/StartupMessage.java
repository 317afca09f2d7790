package dev.latchkey.server.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells the person who just started Latchkey where to go next.
 */
@Component
class StartupMessage {

	private final Environment environment;

	StartupMessage(Environment environment) {
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		String port = this.environment.getProperty("local.server.port", "8080");
		String base = "http://localhost:" + port;
		System.out.println();
		System.out.println("  Latchkey is ready at " + base + "/");
		System.out.println("  Sign up at " + base + "/signup, or sign in at " + base + "/login,");
		System.out.println("  then open Settings → Personal access tokens to generate a token.");
		System.out.println();
	}

}
