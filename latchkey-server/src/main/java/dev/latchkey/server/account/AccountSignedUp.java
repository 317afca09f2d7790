package dev.latchkey.server.account;

/**
 * Someone signed up through the sign-up page; the email feature sends the verification link.
 *
 * @param account the new account
 */
public record AccountSignedUp(Account account) {
}
