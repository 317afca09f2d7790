package dev.latchkey.server.token;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.latchkey.server.web.NoStore;

/**
 * {@code GET /calendar/{secret}.ics}: a user's token expiry dates for their calendar app,
 * which can't sign in; the secret in the address is the key.
 */
@Controller
class CalendarFeedController {

	private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

	private final CalendarFeeds feeds;

	CalendarFeedController(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@GetMapping("/calendar/{secret}.ics")
	ResponseEntity<String> feed(@PathVariable String secret) {
		return this.feeds.feed(secret)
			.map((calendar) -> NoStore.on(ResponseEntity.ok()).contentType(CALENDAR).body(calendar))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
