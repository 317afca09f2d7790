package dev.latchkey.server.oauth;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The "Register a new OAuth App" form.
 *
 * @param name the application name users see when they authorize it
 * @param homepageUrl the application's homepage
 * @param description what it does
 * @param callbackUrls the authorization callback URLs, one per line
 * @param clientType {@code confidential} (a server that keeps a secret) or {@code public}
 */
public record AppForm(@Nullable String name, @Nullable String homepageUrl, @Nullable String description,
		@Nullable String callbackUrls, @Nullable String clientType) {

	static AppForm empty() {
		return new AppForm("", "", "", "", "confidential");
	}

	List<String> callbackList() {
		if (this.callbackUrls == null) {
			return List.of();
		}
		return Arrays.stream(this.callbackUrls.split("\\R")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	boolean confidential() {
		return !"public".equals(this.clientType);
	}

}
