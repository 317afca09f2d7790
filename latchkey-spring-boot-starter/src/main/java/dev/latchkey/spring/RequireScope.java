package dev.latchkey.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a handler accepts: the token needs any one of them. They are announced in
 * {@code X-Accepted-OAuth-Scopes}, and a token without them gets RFC 6750's {@code 403}
 * {@code insufficient_scope}, as on the Latchkey server. On a class, it applies to every
 * handler method that has none of its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequireScope {

	String[] value();

}
