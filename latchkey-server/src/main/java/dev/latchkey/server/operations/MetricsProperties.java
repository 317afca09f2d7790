package dev.latchkey.server.operations;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} besides an admin's token with the {@code admin} scope.
 *
 * @param scrapeToken a shared secret of at least 32 characters that Prometheus sends as
 * {@code Authorization: Bearer <scrape-token>}; unset or blank, only admin tokens are let in
 */
@ConfigurationProperties("latchkey.metrics")
public record MetricsProperties(@Nullable String scrapeToken) {

	static final int MIN_SCRAPE_TOKEN_LENGTH = 32;

	public MetricsProperties {
		if (scrapeToken != null && scrapeToken.isBlank()) {
			// An environment variable left empty means "not set", not "an empty secret".
			scrapeToken = null;
		}
		if (scrapeToken != null && scrapeToken.length() < MIN_SCRAPE_TOKEN_LENGTH) {
			throw new IllegalArgumentException("latchkey.metrics.scrape-token must have at least "
					+ MIN_SCRAPE_TOKEN_LENGTH + " characters, for example from: openssl rand -hex 32");
		}
	}

	@Override
	public String toString() {
		return "MetricsProperties[scrapeToken=" + ((this.scrapeToken != null) ? "(redacted)" : "(unset)") + "]";
	}

}
