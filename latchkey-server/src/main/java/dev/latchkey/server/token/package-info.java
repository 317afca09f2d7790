@NullMarked
package dev.latchkey.server.token;

import org.jspecify.annotations.NullMarked;
