/**
 * Signing in through the platform's own identity provider (OpenID Connect, or plain OAuth 2
 * such as GitHub), with Spring Security's OAuth 2 client: the first sign-in makes the account,
 * later ones find it by the provider's subject, never by email.
 */
@NullMarked
package dev.latchkey.server.federation;

import org.jspecify.annotations.NullMarked;
