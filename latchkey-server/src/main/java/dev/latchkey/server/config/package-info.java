/**
 * What every feature may lean on and none owns: the clock, work deferred until a transaction
 * commits, how stores convert times and search text, and the other nodes a cache tells of
 * its evictions ({@link PeerNodes}).
 */
@NullMarked
package dev.latchkey.server.config;

import org.jspecify.annotations.NullMarked;
