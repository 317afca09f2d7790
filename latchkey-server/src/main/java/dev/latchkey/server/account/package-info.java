/**
 * Accounts and the doors of the browser: sign-up, password sign-in (throttled), sudo mode
 * for sensitive actions, the first admin, and the pages' security chain.
 */
@NullMarked
package dev.latchkey.server.account;

import org.jspecify.annotations.NullMarked;
