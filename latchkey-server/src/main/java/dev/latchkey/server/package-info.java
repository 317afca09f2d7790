/**
 * Latchkey's server: personal access tokens and an OAuth 2 / OpenID Connect server. The
 * README's Architecture section draws how its packages stand on one another.
 */
@NullMarked
package dev.latchkey.server;

import org.jspecify.annotations.NullMarked;
