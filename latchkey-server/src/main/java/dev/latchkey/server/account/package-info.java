/**
 * Accounts and the doors of the browser: sign-up, password sign-in (throttled), password
 * change and reset by mail, sessions a user can see and end, sudo mode for sensitive actions,
 * the first admin, and the pages' security chain.
 */
@NullMarked
package dev.latchkey.server.account;

import org.jspecify.annotations.NullMarked;
