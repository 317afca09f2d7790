package dev.latchkey.server.resource;

/**
 * One of a user's resources, as the platform's list names it.
 *
 * @param id its id in the platform, as text
 * @param name what the user calls it
 */
public record Resource(String id, String name) {
}
