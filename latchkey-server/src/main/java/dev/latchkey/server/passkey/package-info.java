/**
 * Passkeys, on Spring Security's WebAuthn relying party: added and removed in the security
 * settings, stored in the database, signing in on their own or as the second factor. Adding
 * or removing one needs sudo mode; each is in the security log.
 */
@NullMarked
package dev.latchkey.server.passkey;

import org.jspecify.annotations.NullMarked;
