package dev.latchkey.server.scope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an API endpoint accepts: a token needs any one of them. They are announced in
 * {@code X-Accepted-OAuth-Scopes}, as GitHub does.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiredScopes {

	String[] value();

}
