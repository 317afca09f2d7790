package dev.latchkey.server.account;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A browser and system, such as "Chrome on Linux", from a {@code User-Agent} header: enough for
 * a person to recognise their own sessions, no more. The order matters, as most browsers name
 * the ones they descend from too.
 */
final class UserAgents {

	private static final List<String[]> BROWSERS = List.of(new String[] { "edg/", "Edge" },
			new String[] { "opr/", "Opera" }, new String[] { "firefox/", "Firefox" },
			new String[] { "chrome/", "Chrome" }, new String[] { "chromium/", "Chromium" },
			new String[] { "safari/", "Safari" }, new String[] { "curl/", "curl" }, new String[] { "java", "Java" });

	private static final List<String[]> SYSTEMS = List.of(new String[] { "android", "Android" },
			new String[] { "iphone", "iOS" }, new String[] { "ipad", "iPadOS" }, new String[] { "windows", "Windows" },
			new String[] { "mac os", "macOS" }, new String[] { "cros", "ChromeOS" }, new String[] { "linux", "Linux" });

	private UserAgents() {
	}

	static String describe(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String agent = userAgent.toLowerCase(Locale.ROOT);
		String browser = first(BROWSERS, agent);
		String system = first(SYSTEMS, agent);
		if (browser == null) {
			return (system != null) ? "A browser on " + system : "Unknown browser";
		}
		return (system != null) ? browser + " on " + system : browser;
	}

	private static @Nullable String first(List<String[]> names, String agent) {
		return names.stream().filter((name) -> agent.contains(name[0])).map((name) -> name[1]).findFirst().orElse(null);
	}

}
