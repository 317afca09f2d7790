/**
 * The security log: every credential event (tokens made, used from a new address, revoked;
 * apps authorised; sign-ins), with who did it and from where, and never a secret.
 */
@NullMarked
package dev.latchkey.server.audit;

import org.jspecify.annotations.NullMarked;
