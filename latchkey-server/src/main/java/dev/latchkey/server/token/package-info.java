/**
 * Personal access tokens: made, listed, regenerated and revoked by their owners (pages and
 * REST side by side), within scope, expiry, resource and policy limits, with their store. The
 * check of a presented token lives in {@code check}; sub-features have packages of their own.
 */
@NullMarked
package dev.latchkey.server.token;

import org.jspecify.annotations.NullMarked;
