/**
 * What admins do: find users and their tokens, suspend a user (which stops every token,
 * grant and session of theirs at once), revoke any token. Every action is in the security log.
 */
@NullMarked
package dev.latchkey.server.admin;

import org.jspecify.annotations.NullMarked;
