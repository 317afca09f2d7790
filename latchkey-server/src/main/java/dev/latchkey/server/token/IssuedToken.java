package dev.latchkey.server.token;

import dev.latchkey.client.TokenSecret;

/**
 * A token just created or regenerated: the one moment its secret is in hand.
 *
 * @param metadata what is stored about it
 * @param secret the plain token, to be shown once
 */
public record IssuedToken(TokenMetadata metadata, TokenSecret secret) {
}
