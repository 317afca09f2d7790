@NullMarked
package dev.latchkey.server.scope;

import org.jspecify.annotations.NullMarked;
