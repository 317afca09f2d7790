/**
 * Reports of leaked credentials, as from a secret scanner: every Latchkey token reported is
 * revoked at once, its owner mailed and the event logged.
 */
@NullMarked
package dev.latchkey.server.leak;

import org.jspecify.annotations.NullMarked;
