/**
 * Invitations, when sign-up is by invitation ({@code latchkey.accounts.sign-up=invite}): an
 * admin mails one from the admin pages; its link opens the sign-up form for that address,
 * once, within a week.
 */
@NullMarked
package dev.latchkey.server.invitation;

import org.jspecify.annotations.NullMarked;
