/**
 * Latchkey's resource-server library: the token format shared with the server.
 */
@NullMarked
package dev.latchkey.client;

import org.jspecify.annotations.NullMarked;
