/**
 * Two-factor authentication with an authenticator app: the TOTP seed (RFC 6238) sealed at
 * rest, ten recovery codes kept as hashes, the settings that turn it on and off, and the page
 * that asks for the second factor after the password.
 */
@NullMarked
package dev.latchkey.server.twofactor;

import org.jspecify.annotations.NullMarked;
