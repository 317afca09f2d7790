package dev.latchkey.server.mail;

/**
 * A plain-text mail to one address. It carries no secret, for mail is stored until sent, with
 * one exception: a one-time link (a password reset), whose text is blanked once it is sent.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param body the text
 * @param oneTimeLink whether the text holds a link that works once, to be forgotten once sent
 */
public record Mail(String to, String subject, String body, boolean oneTimeLink) {

	/** A mail without a secret. */
	public Mail(String to, String subject, String body) {
		this(to, subject, body, false);
	}

}
