/**
 * RFC 9449 DPoP for APIs: checking the proof a request brings for an access token bound to a
 * key, and remembering proofs so that each one works once.
 */
@NullMarked
package dev.latchkey.client.dpop;

import org.jspecify.annotations.NullMarked;
