package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.FieldProblem;

/**
 * Which authorization callback URLs an app may register. Codes and tokens travel to the
 * callback in the URL, so over plain http anyone on the way reads them: http is only for a
 * native app's listener on the user's own machine (RFC 8252 section 7.3), everything else
 * needs https. A native app may also use a private-use scheme in reverse-domain form such as
 * {@code com.example.app:/callback} (RFC 8252 section 7.1).
 */
final class CallbackUrls {

	static final String FIELD = "callbackUrls";

	private static final int MAX_LENGTH = 2000;

	/** RFC 8252 names the IP literals; {@code localhost} is kept for the many tools that use it. */
	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	private CallbackUrls() {
	}

	/** What is wrong with a callback URL, or {@code null} if it may be registered. */
	static @Nullable FieldProblem problem(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return invalid();
		}
		if (value.length() > MAX_LENGTH || !uri.isAbsolute() || uri.getFragment() != null) {
			return invalid();
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return (uri.getHost() != null) ? null : invalid();
		}
		if (scheme.equals("http")) {
			if (uri.getHost() == null) {
				return invalid();
			}
			return LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)) ? null
					: new FieldProblem(FIELD, "insecure", "Callback URLs must use https. Plain http is only for "
							+ "an app on the user's own machine: 127.0.0.1, [::1] or localhost.");
		}
		return (scheme.contains(".") && uri.getRawSchemeSpecificPart() != null) ? null : invalid();
	}

	/**
	 * Whether an app that registers itself may use this callback: {@code https}, or {@code http}
	 * on this machine (RFC 8252's loopback redirect), absolute, without a fragment. Unlike an app
	 * a person registers, no private-use scheme: nobody vouches for which app on the device
	 * would receive it.
	 */
	static boolean isDynamicCallback(String value) {
		try {
			URI uri = new URI(value);
			if (value.length() > MAX_LENGTH || !uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null
					|| uri.getRawUserInfo() != null) {
				return false;
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			return scheme.equals("https")
					|| (scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * Whether a URL may name an API (an RFC 8707 resource): a web address as a dynamic
	 * callback may be, and without a query.
	 */
	static boolean isResourceUrl(String value) {
		return isDynamicCallback(value) && URI.create(value).getRawQuery() == null;
	}

	private static FieldProblem invalid() {
		return new FieldProblem(FIELD, "invalid",
				"Callback URLs must be absolute URLs without a fragment, such as https://example.com/callback.");
	}

}
