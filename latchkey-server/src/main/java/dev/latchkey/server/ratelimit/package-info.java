/**
 * Per-user and per-token rate limits with GitHub's headers, and the throttles of doors where
 * secrets are guessed (failed attempts per account and per address), counted across every node.
 */
@NullMarked
package dev.latchkey.server.ratelimit;

import org.jspecify.annotations.NullMarked;
