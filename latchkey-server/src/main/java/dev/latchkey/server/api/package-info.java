@NullMarked
package dev.latchkey.server.api;

import org.jspecify.annotations.NullMarked;
