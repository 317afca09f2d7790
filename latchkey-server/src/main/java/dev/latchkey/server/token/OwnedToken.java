package dev.latchkey.server.token;

/**
 * A token with its owner's username, as admins list them.
 *
 * @param token the token, never its value
 * @param owner whose it is
 */
public record OwnedToken(TokenMetadata token, String owner) {
}
