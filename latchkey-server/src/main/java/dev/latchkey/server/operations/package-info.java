/**
 * The operators' endpoints (Actuator): open probes for load balancers, metrics for admins
 * and Prometheus only.
 */
@NullMarked
package dev.latchkey.server.operations;

import org.jspecify.annotations.NullMarked;
