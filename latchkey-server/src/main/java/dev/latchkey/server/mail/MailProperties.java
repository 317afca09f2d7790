package dev.latchkey.server.mail;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Latchkey's mail settings; the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender of every mail
 * @param baseUrl where links in mail point: this Latchkey's public address
 * @param maxAttempts how many times a mail is tried before it is given up
 * @param maxRetryDelay the longest pause between two tries; the pause doubles up to it
 */
@ConfigurationProperties("latchkey.mail")
public record MailProperties(@DefaultValue("Latchkey <noreply@localhost>") String from,
		@DefaultValue("http://localhost:8080") URI baseUrl, @DefaultValue("12") int maxAttempts,
		@DefaultValue("1h") Duration maxRetryDelay) {

	/** An absolute link to a path of this Latchkey. */
	public String link(String path) {
		String base = this.baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
