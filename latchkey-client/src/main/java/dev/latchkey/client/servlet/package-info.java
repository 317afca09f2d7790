/**
 * A Jakarta Servlet filter that authenticates requests by Latchkey token, exactly as the
 * Latchkey server does.
 */
@NullMarked
package dev.latchkey.client.servlet;

import org.jspecify.annotations.NullMarked;
