/**
 * RFC 9449 DPoP at the REST API: the proof each request must bring for an access token bound
 * to a key, and the record of proofs already seen, shared by every node.
 */
@NullMarked
package dev.latchkey.server.dpop;

import org.jspecify.annotations.NullMarked;
