@NullMarked
package dev.latchkey.server.config;

import org.jspecify.annotations.NullMarked;
