/**
 * Spring Boot auto-configuration that protects an API with Latchkey tokens through Spring
 * Security's resource server.
 */
@NullMarked
package dev.latchkey.spring;

import org.jspecify.annotations.NullMarked;
