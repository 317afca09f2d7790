/**
 * What every feature may lean on and none owns: the clock, and work deferred until a
 * transaction commits.
 */
@NullMarked
package dev.latchkey.server.config;

import org.jspecify.annotations.NullMarked;
