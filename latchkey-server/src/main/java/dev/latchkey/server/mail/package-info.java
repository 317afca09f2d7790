/**
 * Mail to users (expiry reminders, leaked tokens, sanctioned tokens, password reset links)
 * through an outbox in the database, sent by Spring Boot's mail support and retried while the
 * server is down. Accounts tell it their addresses ({@link MailAddresses}).
 */
@NullMarked
package dev.latchkey.server.mail;

import org.jspecify.annotations.NullMarked;
