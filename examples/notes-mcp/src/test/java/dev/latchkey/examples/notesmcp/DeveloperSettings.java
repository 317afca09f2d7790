package dev.latchkey.examples.notesmcp;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's browser on Latchkey's developer settings, registering an OAuth App as the README
 * says: the client secret is shown once, on the page, and nowhere else.
 */
final class DeveloperSettings {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern TESTID = Pattern.compile("data-testid=\"([a-z-]+)\">([^<]+)<");

	private final String latchkeyUrl;

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private DeveloperSettings(String latchkeyUrl) {
		this.latchkeyUrl = latchkeyUrl;
	}

	static DeveloperSettings signIn(String latchkeyUrl, String username, String password) throws Exception {
		DeveloperSettings settings = new DeveloperSettings(latchkeyUrl);
		String login = settings.get("/login");
		settings.post("/login", "_csrf=" + enc(csrf(login)) + "&username=" + enc(username) + "&password=" + enc(password));
		return settings;
	}

	/** Registers a confidential app and reads its client id and secret off the page. */
	App registerApp(String name) throws Exception {
		String form = get("/settings/developers/new");
		String page = post("/settings/developers", "_csrf=" + enc(csrf(form)) + "&name=" + enc(name) + "&homepageUrl="
				+ enc("https://notes.example") + "&callbackUrls=" + enc("http://127.0.0.1:9/cb") + "&clientType=confidential");
		Map<String, String> shown = new HashMap<>();
		Matcher ids = TESTID.matcher(page);
		while (ids.find()) {
			shown.put(ids.group(1), ids.group(2));
		}
		assertThat(shown.get("client-secret")).as(page).startsWith("lkc_");
		return new App(shown.get("client-id"), shown.get("client-secret"));
	}

	private String get(String path) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.latchkeyUrl + path)).header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(String path, String form) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.latchkeyUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as(page).isTrue();
		return matcher.group(1);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An OAuth App's credentials.
	 *
	 * @param clientId its client id
	 * @param clientSecret its client secret
	 */
	record App(String clientId, String clientSecret) {
	}

}
