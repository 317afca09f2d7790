package dev.latchkey.server.mail;

/**
 * A plain-text mail to one address. Never carries a secret: mail is stored until sent.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param body the text
 */
public record Mail(String to, String subject, String body) {

}
