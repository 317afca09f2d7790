package dev.latchkey.server.account;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Confirm access" page over real HTTP: where it sends the browser once the password is
 * confirmed, and that the redirect says nothing but the path.
 */
@LatchkeyTest
class SudoPageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	PageSession page;

	@BeforeEach
	void setUp() {
		this.page = new PageSession(this.port);
		Account user = this.fixtures.user();
		this.page.signIn(user.username(), TestFixtures.PASSWORD);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/settings/tokens/new", "/settings/tokens/12/regenerate?expiration=30",
			"/settings/developers/7" })
	void confirmWhenContinueIsPathOnThisSiteThenRedirectedThereWithNothingAdded(String continuePath) {
		HttpResponse<String> confirmed = confirm(continuePath);

		assertThat(confirmed.statusCode()).isEqualTo(302);
		URI location = location(confirmed);
		assertThat(location.getHost()).as("no other host").isIn(null, "localhost");
		assertThat(location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : ""))
			.as("exactly the path asked for, without model attributes such as currentUser")
			.isEqualTo(continuePath);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "//evil.example",
			"/\\evil.example", "\\/evil.example", "/ /evil.example", "https://evil.example/", "evil.example",
			"/settings//evil.example", "/\u3000/evil.example", "/\u0000/evil.example", " //evil.example", "" })
	void confirmWhenContinueCouldLeaveTheSiteThenTokensPageInstead(String continuePath) {
		HttpResponse<String> confirmed = confirm(continuePath);

		assertThat(confirmed.statusCode()).isEqualTo(302);
		URI location = location(confirmed);
		assertThat(location.getHost()).isIn(null, "localhost");
		assertThat(location.getRawPath()).isEqualTo("/settings/tokens");
		assertThat(location.getRawQuery()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/\t/evil.example", "//evil.example" })
	void confirmPageWhenContinueCouldLeaveTheSiteThenFormCarriesTokensPage(String continuePath) {
		String form = this.page.get("/sudo?continue=" + PageSession.encode(continuePath)).body();

		assertThat(form).contains("name=\"continue\" value=\"/settings/tokens\"").doesNotContain("evil.example");
	}

	private HttpResponse<String> confirm(String continuePath) {
		return this.page.submit("/sudo", "/sudo",
				"password=" + PageSession.encode(TestFixtures.PASSWORD) + "&continue=" + PageSession.encode(continuePath));
	}

	private static URI location(HttpResponse<String> response) {
		return URI.create(response.headers().firstValue("Location").orElseThrow());
	}

}
