package dev.latchkey.server.token;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a token may hand on to tokens it creates or regenerates: never more scopes than it
 * has, never a later expiry.
 *
 * @param scopes the presenting token's scopes
 * @param expiresAt the presenting token's expiry; absent for never
 */
public record TokenCeiling(Set<String> scopes, @Nullable Instant expiresAt) {
}
