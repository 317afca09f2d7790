package dev.latchkey.server.token.expiry;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.token.TokenListPage;
import dev.latchkey.server.web.NoStore;
import dev.latchkey.server.web.SignedInUser;

/**
 * {@code GET /calendar/{secret}.ics}: a user's token expiry dates for their calendar app,
 * which can't sign in; the secret in the address is the key. The address is made on the
 * token list page.
 */
@Controller
class CalendarFeedController {

	private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

	private final CalendarFeeds feeds;

	private final TokenListPage listPage;

	private final MailProperties links;

	CalendarFeedController(CalendarFeeds feeds, TokenListPage listPage, MailProperties links) {
		this.feeds = feeds;
		this.listPage = listPage;
		this.links = links;
	}

	/** A new secret address for the user's calendar of token expiries, shown on this answer only. */
	@PostMapping("/settings/tokens/calendar")
	String create(@AuthenticationPrincipal SignedInUser user, Model model, HttpServletResponse response) {
		NoStore.on(response);
		model.addAttribute("calendarUrl", this.links.link(this.feeds.create(user.accountId())));
		return this.listPage.render(user, model);
	}

	@GetMapping("/calendar/{secret}.ics")
	ResponseEntity<String> feed(@PathVariable String secret) {
		return this.feeds.feed(secret)
			.map((calendar) -> NoStore.on(ResponseEntity.ok()).contentType(CALENDAR).body(calendar))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
