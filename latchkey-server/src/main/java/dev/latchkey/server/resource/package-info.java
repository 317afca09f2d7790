/**
 * Fine-grained tokens' resources: the resource types the platform declares, and each user's
 * resources of a type, listed by the platform's API for the token picker.
 */
@NullMarked
package dev.latchkey.server.resource;

import org.jspecify.annotations.NullMarked;
