/**
 * The REST API's plumbing, shared by every feature's endpoints: the bearer-token filter and
 * rate limits in front, the scope check on each handler, problem details for every error,
 * the OpenAPI document and the API's own description. The endpoints live with their features.
 */
@NullMarked
package dev.latchkey.server.api;

import org.jspecify.annotations.NullMarked;
