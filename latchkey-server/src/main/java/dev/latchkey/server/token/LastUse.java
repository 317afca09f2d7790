package dev.latchkey.server.token;

import java.time.Instant;

/**
 * One use of a token, waiting to be written.
 *
 * @param tokenId the token
 * @param at when
 * @param ip from where
 */
record LastUse(long tokenId, Instant at, String ip) {
}
