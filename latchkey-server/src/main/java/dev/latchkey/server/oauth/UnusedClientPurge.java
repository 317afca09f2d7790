package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes apps that registered themselves and then went unused for the days the admins set:
 * open registration would otherwise collect an app for every agent that ever tried. An app a
 * person registered is never touched.
 */
@Component
class UnusedClientPurge {

	private static final Logger log = LoggerFactory.getLogger(UnusedClientPurge.class);

	private final OAuthAppStore store;

	private final OAuthAppService apps;

	private final ClientRegistrationSettings settings;

	private final Clock clock;

	UnusedClientPurge(OAuthAppStore store, OAuthAppService apps, ClientRegistrationSettings settings, Clock clock) {
		this.store = store;
		this.apps = apps;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${latchkey.oauth.purge-interval:1h}", initialDelayString = "${latchkey.oauth.purge-interval:1h}")
	int purge() {
		return purge(this.clock.instant());
	}

	/** Deletes the apps that registered themselves and have had no grant made or used for the set days by {@code now}. */
	int purge(Instant now) {
		Instant cutoff = now.minus(Duration.ofDays(this.settings.current().unusedDays()));
		List<OAuthApp> unused = this.store.dynamicUnusedSince(cutoff);
		unused.forEach(this.apps::deleteUnused);
		if (!unused.isEmpty()) {
			log.info("Deleted {} OAuth Apps that registered themselves and went unused since {}", unused.size(), cutoff);
		}
		return unused.size();
	}

}
