/**
 * The token policy admins set for personal access tokens: maximum lifetime, whether an
 * expiry is required, which scopes they may carry, whether only admins may have them, and how
 * many each user may have. Enforced when a token is generated and regenerated.
 */
@NullMarked
package dev.latchkey.server.policy;

import org.jspecify.annotations.NullMarked;
