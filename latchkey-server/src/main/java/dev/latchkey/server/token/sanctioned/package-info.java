/**
 * Sanctioned tokens: a token a user issues for another user to act on their data. Issued on
 * the owner's pages or through the token API ({@code sanction_for}, via
 * {@link dev.latchkey.server.token.Sanctions}); accepted, listed and declined by the delegate
 * here, on a page and in the API.
 */
@NullMarked
package dev.latchkey.server.token.sanctioned;

import org.jspecify.annotations.NullMarked;
