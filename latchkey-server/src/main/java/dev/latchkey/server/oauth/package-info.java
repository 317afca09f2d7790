/**
 * The OAuth 2 and OpenID Connect server: Spring Authorization Server, extended through its
 * customisation points with Latchkey's hashed stores, token formats and pages.
 */
@NullMarked
package dev.latchkey.server.oauth;

import org.jspecify.annotations.NullMarked;
