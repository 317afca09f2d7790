@NullMarked
package dev.latchkey.server;

import org.jspecify.annotations.NullMarked;
