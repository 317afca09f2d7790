/**
 * Closing an account: its owner deletes it, with every token, grant, app and passkey, and
 * every session ends. The security log keeps its entries for as long as it keeps any.
 */
@NullMarked
package dev.latchkey.server.closing;

import org.jspecify.annotations.NullMarked;
