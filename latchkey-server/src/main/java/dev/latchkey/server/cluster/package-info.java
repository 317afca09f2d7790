/**
 * Several Latchkey nodes on one PostgreSQL database: what one node changes, the others'
 * caches forget within a second.
 */
@NullMarked
package dev.latchkey.server.cluster;

import org.jspecify.annotations.NullMarked;
