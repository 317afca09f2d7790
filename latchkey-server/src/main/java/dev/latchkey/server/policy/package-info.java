/**
 * The token policy admins set: how long tokens may live, whether they must expire, which
 * scopes they may carry, whether only admins may have them, how many each user may have, and
 * when unused ones are revoked. Its rules are written once, in {@link TokenPolicy}, and
 * followed at creation and regeneration (token), on every use (check) and over the stored
 * tokens ({@link PolicyEnforcement}, through {@link GovernedTokens}); the admins' page and API
 * are here too.
 */
@NullMarked
package dev.latchkey.server.policy;

import org.jspecify.annotations.NullMarked;
