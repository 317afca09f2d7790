package dev.latchkey.server.check;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenKind;

/**
 * One use of a token, waiting to be written.
 *
 * @param kind which kind of token
 * @param tokenId the token's id within its kind
 * @param at when
 * @param ip from where; absent when the token was checked by introspection, not presented by its client
 */
public record LastUse(TokenKind kind, String tokenId, Instant at, @Nullable String ip) {
}
