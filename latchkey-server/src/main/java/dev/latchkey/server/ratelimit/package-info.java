/**
 * Per-user and per-token rate limits with GitHub's headers, counted across every node.
 */
@NullMarked
package dev.latchkey.server.ratelimit;

import org.jspecify.annotations.NullMarked;
