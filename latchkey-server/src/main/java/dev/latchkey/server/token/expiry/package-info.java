/**
 * Tokens that are about to expire: reminder mail before the day, each sent once on every
 * node, and a private calendar feed of the expiry dates. Reads the tokens; the tokens know
 * nothing of it beyond announcing {@code TokenRegenerated}.
 */
@NullMarked
package dev.latchkey.server.token.expiry;

import org.jspecify.annotations.NullMarked;
