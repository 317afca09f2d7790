package dev.latchkey.server.token.expiry;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The iCalendar feed of token expiry dates: made on the tokens page, read by a calendar app
 * without signing in, replaced by a new address.
 */
@LatchkeyTest
class CalendarFeedTests {

	private static final Pattern ADDRESS = Pattern.compile("data-testid=\"calendar-url\">[^<]*(/calendar/[^<]+\\.ics)<");

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Test
	void feedWhenSubscribedThenOneEventPerExpiringTokenAndOldAddressStopsWhenReplaced() {
		Account owner = this.fixtures.user();
		IssuedToken expiring = this.fixtures.token(owner, new Expiration.InDays(30), "user");
		this.fixtures.token(owner, new Expiration.Never(), "user");
		PageSession page = new PageSession(this.port);
		page.signIn(owner.username(), TestFixtures.PASSWORD);

		String first = address(page.submit("/settings/tokens", "/settings/tokens/calendar", ""));
		Http anonymous = new Http(this.port);
		Http.Response feed = anonymous.get(first);

		assertThat(feed.status()).isEqualTo(200);
		assertThat(feed.header("Content-Type")).startsWith("text/calendar");
		assertThat(feed.header("Cache-Control")).contains("no-store");
		ICalendar calendar = Biweekly.parse(feed.body()).first();
		List<VEvent> events = calendar.getEvents();
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.getSummary().getValue()).contains(expiring.metadata().name());
			assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(expiring.metadata().expiresAt());
			assertThat(event.getUrl().getValue())
				.endsWith("/settings/tokens/" + expiring.metadata().id() + "/regenerate");
		});
		assertThat(feed.body()).doesNotContain(expiring.secret().reveal());

		String second = address(page.submit("/settings/tokens", "/settings/tokens/calendar", ""));
		assertThat(second).isNotEqualTo(first);
		assertThat(anonymous.get(first).status()).isEqualTo(404);
		assertThat(anonymous.get(second).status()).isEqualTo(200);
		assertThat(anonymous.get("/calendar/made-up.ics").status()).isEqualTo(404);
	}

	private static String address(HttpResponse<String> page) {
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher matcher = ADDRESS.matcher(page.body());
		assertThat(matcher.find()).as("page shows the calendar address").isTrue();
		return matcher.group(1);
	}

}
