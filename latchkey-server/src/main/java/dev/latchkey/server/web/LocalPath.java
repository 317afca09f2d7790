package dev.latchkey.server.web;

import org.jspecify.annotations.Nullable;

/**
 * Where a page may send the browser after it has done its work, when the request names the
 * place (such as {@code continue=}): a path on this site and nothing else.
 * <p>
 * Browsers forgive a lot in a URL: they drop tabs and newlines anywhere, read {@code \} as
 * {@code /} and take {@code //} as the start of another host, so {@code /%09/evil.example}
 * lands on evil.example. Rather than clean such a value, anything but visible ASCII after
 * exactly one leading {@code /} is refused.
 */
public final class LocalPath {

	private static final int MAX_LENGTH = 2000;

	private LocalPath() {
	}

	/** The candidate if it is a plain path on this site, else the fallback. */
	public static String orElse(@Nullable String candidate, String fallback) {
		return (candidate != null && isLocal(candidate)) ? candidate : fallback;
	}

	static boolean isLocal(String path) {
		if (path.isEmpty() || path.length() > MAX_LENGTH || path.charAt(0) != '/' || path.contains("//")) {
			return false;
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			// Controls, whitespace and anything outside ASCII; a backslash is a slash to a browser.
			if (c <= 0x20 || c >= 0x7f || c == '\\') {
				return false;
			}
		}
		return true;
	}

}
