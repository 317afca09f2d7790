package dev.latchkey.server.token;

/**
 * A token got a new secret and a new expiry. Published inside the change's transaction, so
 * what listeners write commits or rolls back with it.
 *
 * @param tokenId the token's id
 */
public record TokenRegenerated(long tokenId) {
}
