package dev.latchkey.server.web;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, sign-in, sign-out and CSRF of the pages, over real HTTP.
 */
@LatchkeyTest
class PageSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	PageSession page;

	@BeforeEach
	void setUp() {
		this.page = new PageSession(this.port);
	}

	@Test
	void sessionCookieWhenIssuedThenHttpOnlyAndSameSiteLax() throws Exception {
		HttpResponse<String> login = this.page.get("/login");
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("latchkey_session=")
			.contains("HttpOnly")
			.contains("SameSite=Lax"));
	}

	@Test
	void settingsWhenSignedOutThenRedirectToSignIn() throws Exception {
		HttpResponse<String> response = this.page.get("/settings/tokens");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void signUpWhenNoCsrfTokenThenForbiddenAndNoAccount() throws Exception {
		this.page.get("/signup");
		HttpResponse<String> response = this.page.post("/signup", "username=csrf-victim&email=v%40example.com&password="
				+ URLEncoder.encode(TestFixtures.PASSWORD, StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(403);
		HttpResponse<String> signIn = this.page.signIn("csrf-victim", TestFixtures.PASSWORD);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	@Test
	void signInWhenPasswordRightThenTokensPageAndSignOutEndsSession() throws Exception {
		Account user = this.fixtures.user();
		HttpResponse<String> wrong = this.page.signIn(user.username(), "not the password");
		assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

		HttpResponse<String> right = this.page.signIn(user.username().toUpperCase(), TestFixtures.PASSWORD);
		assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens");
		HttpResponse<String> tokens = this.page.get("/settings/tokens");
		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(tokens.body()).contains(user.username());

		HttpResponse<String> logout = this.page.post("/logout", "_csrf=" + PageSession.csrf(tokens.body()));
		assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
		assertThat(this.page.get("/settings/tokens").statusCode()).isEqualTo(302);
	}

	@Test
	void signUpWhenInvalidThenFormShowsErrorsInline() throws Exception {
		String form = this.page.get("/signup").body();
		HttpResponse<String> response = this.page.post("/signup",
				"_csrf=" + PageSession.csrf(form) + "&username=-bad-&email=nope&password=short");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Username may only contain")
			.contains("look like an email address.")
			.contains("Password is too short");
	}

	@Test
	void unknownTokenPageWhenSignedInThenNotFoundPage() throws Exception {
		Account user = this.fixtures.user();
		this.page.signIn(user.username(), TestFixtures.PASSWORD);
		HttpResponse<String> response = this.page.get("/settings/tokens/999999999/revoke");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Page not found").doesNotContain("Exception");
	}

	@Test
	void signUpWhenAccountCreatedThenRedirectCarriesNoModelAttributes() throws Exception {
		String name = "redirect-" + System.nanoTime() % 1_000_000_000L;
		HttpResponse<String> response = this.page.submit("/signup", "/signup", "username=" + name + "&email=" + name
				+ "%40example.com&password=" + URLEncoder.encode(TestFixtures.PASSWORD, StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens")
			.doesNotContain("currentUser")
			.doesNotContain(name);
	}

	@Test
	void signInWhenFrontDoorOpenedThenRedirectsCarryNoModelAttributes() throws Exception {
		Account user = this.fixtures.user();
		HttpResponse<String> signIn = this.page.signIn(user.username(), TestFixtures.PASSWORD);
		HttpResponse<String> frontDoor = this.page.get("/");

		assertThat(List.of(signIn, frontDoor)).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens")
				.doesNotContain("currentUser")
				.doesNotContain(user.username());
		});
	}

}
