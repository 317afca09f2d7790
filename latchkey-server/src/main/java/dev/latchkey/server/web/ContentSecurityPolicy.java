package dev.latchkey.server.web;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The pages' Content Security Policy. Forms may post only to this site, with one exception:
 * a consent form posts here and the answer redirects the browser to the app's callback, and
 * Chromium applies {@code form-action} to that redirect too. So the consent page, and only
 * it, names the callbacks' origins as well.
 */
public final class ContentSecurityPolicy {

	public static final String HEADER = "Content-Security-Policy";

	/** Every page's policy; {@code form-action} comes last so that sources can be added to it. */
	public static final String DEFAULT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "frame-ancestors 'none'; form-action 'self'";

	private ContentSecurityPolicy() {
	}

	/**
	 * The default policy whose forms may also lead to these redirect URIs: an {@code http} or
	 * {@code https} URI adds its origin, a native app's private-use scheme ({@code com.example.app:/cb})
	 * its scheme. Anything that is not an absolute URI adds nothing.
	 */
	public static String allowingRedirectsTo(Collection<String> redirectUris) {
		Set<String> sources = new LinkedHashSet<>();
		for (String uri : redirectUris) {
			String source = source(uri);
			if (source != null) {
				sources.add(source);
			}
		}
		return sources.isEmpty() ? DEFAULT : DEFAULT + " " + String.join(" ", sources);
	}

	private static @Nullable String source(String redirectUri) {
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
		String scheme = uri.getScheme();
		if (scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
			return null;
		}
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			return scheme.toLowerCase(java.util.Locale.ROOT) + ":";
		}
		String host = uri.getHost();
		if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
			return null;
		}
		return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + host + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
