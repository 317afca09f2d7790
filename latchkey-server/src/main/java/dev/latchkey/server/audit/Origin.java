package dev.latchkey.server.audit;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who caused an event and from where.
 *
 * @param actor a username, an OAuth client id, or {@value #SERVER} for the server itself
 * @param ipAddress the client's address, when a request caused it
 * @param userAgent the client's {@code User-Agent}, when a request caused it
 */
public record Origin(String actor, @Nullable String ipAddress, @Nullable String userAgent) {

	/** The actor of what Latchkey does by itself, such as expiring a token. */
	public static final String SERVER = "latchkey";

	static final int MAX_ACTOR = 100;

	static final int MAX_USER_AGENT = 400;

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	public Origin {
		actor = clip(actor, MAX_ACTOR);
		userAgent = (userAgent != null) ? clip(userAgent, MAX_USER_AGENT) : null;
	}

	/** Latchkey itself, outside any request. */
	public static Origin server() {
		return new Origin(SERVER, null, null);
	}

	/** The signed-in user or token of the current request, and its address. */
	public static Origin current() {
		return currentAs(currentActor());
	}

	/** The current request's address, with a given actor (for a sign-in, the one signing in). */
	public static Origin currentAs(String actor) {
		HttpServletRequest request = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
		if (request == null) {
			return new Origin(actor, null, null);
		}
		return new Origin(actor, request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| authentication.getName() == null) {
			return (RequestContextHolder.getRequestAttributes() != null) ? "anonymous" : SERVER;
		}
		return authentication.getName();
	}

	private static String clip(String value, int max) {
		// Headers and names come from clients: no line breaks into the log, and a bounded length.
		String flat = CONTROL.matcher(value).replaceAll(" ");
		return (flat.length() > max) ? flat.substring(0, max) : flat;
	}

}
