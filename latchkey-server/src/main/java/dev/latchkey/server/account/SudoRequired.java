package dev.latchkey.server.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page handler for a sensitive action: without a recent password the browser is sent to
 * "Confirm access" first, and comes back once it is given ({@link SudoGate}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SudoRequired {

	/**
	 * Where to go on after confirming, as a URI template over the handler's path variables,
	 * such as {@code /settings/developers/{id}}. Empty for the request's own path (with its
	 * query when it is a {@code GET}); a form post names the page that shows the form, since a
	 * redirect can't post it again.
	 */
	String continueTo() default "";

}
