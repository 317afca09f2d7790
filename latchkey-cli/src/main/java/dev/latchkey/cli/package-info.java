/**
 * The {@code latchkey} command-line tool.
 */
@NullMarked
package dev.latchkey.cli;

import org.jspecify.annotations.NullMarked;
