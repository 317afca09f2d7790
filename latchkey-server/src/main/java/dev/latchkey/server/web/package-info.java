@NullMarked
package dev.latchkey.server.web;

import org.jspecify.annotations.NullMarked;
