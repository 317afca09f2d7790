package dev.latchkey.server.token;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/user/tokens/{id}/regenerate}: the new expiry.
 *
 * @param expiresAt an RFC 3339 date-time or a date
 * @param expiresInDays days from now
 */
record RegenerateTokenJson(@Nullable String expiresAt, @Nullable Integer expiresInDays) {
}
