/**
 * The scopes a token may carry, Latchkey's own and the platform's, and the annotation that
 * names the scopes an API handler needs.
 */
@NullMarked
package dev.latchkey.server.scope;

import org.jspecify.annotations.NullMarked;
