@NullMarked
package dev.latchkey.server.account;

import org.jspecify.annotations.NullMarked;
