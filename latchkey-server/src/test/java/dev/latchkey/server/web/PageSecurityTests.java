package dev.latchkey.server.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, sign-in, sign-out and CSRF of the pages, over real HTTP.
 */
@LatchkeyTest
class PageSecurityTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	HttpClient client;

	@BeforeEach
	void setUp() {
		this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	@Test
	void sessionCookieWhenIssuedThenHttpOnlyAndSameSiteLax() throws Exception {
		HttpResponse<String> login = get("/login");
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("latchkey_session=")
			.contains("HttpOnly")
			.contains("SameSite=Lax"));
	}

	@Test
	void settingsWhenSignedOutThenRedirectToSignIn() throws Exception {
		HttpResponse<String> response = get("/settings/tokens");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void signUpWhenNoCsrfTokenThenForbiddenAndNoAccount() throws Exception {
		get("/signup");
		HttpResponse<String> response = post("/signup", "username=csrf-victim&email=v%40example.com&password="
				+ URLEncoder.encode(TestFixtures.PASSWORD, StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(403);
		HttpResponse<String> signIn = signIn("csrf-victim", TestFixtures.PASSWORD);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	@Test
	void signInWhenPasswordRightThenTokensPageAndSignOutEndsSession() throws Exception {
		Account user = this.fixtures.user();
		HttpResponse<String> wrong = signIn(user.username(), "not the password");
		assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

		HttpResponse<String> right = signIn(user.username().toUpperCase(), TestFixtures.PASSWORD);
		assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/settings/tokens");
		HttpResponse<String> tokens = get("/settings/tokens");
		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(tokens.body()).contains(user.username());

		HttpResponse<String> logout = post("/logout", "_csrf=" + csrf(tokens.body()));
		assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
		assertThat(get("/settings/tokens").statusCode()).isEqualTo(302);
	}

	@Test
	void signUpWhenInvalidThenFormShowsErrorsInline() throws Exception {
		String form = get("/signup").body();
		HttpResponse<String> response = post("/signup",
				"_csrf=" + csrf(form) + "&username=-bad-&email=nope&password=short");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Username may only contain")
			.contains("look like an email address.")
			.contains("Password is too short");
	}

	@Test
	void unknownTokenPageWhenSignedInThenNotFoundPage() throws Exception {
		Account user = this.fixtures.user();
		signIn(user.username(), TestFixtures.PASSWORD);
		HttpResponse<String> response = get("/settings/tokens/999999999/revoke");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Page not found").doesNotContain("Exception");
	}

	private HttpResponse<String> signIn(String username, String password) throws Exception {
		String form = get("/login").body();
		return post("/login", "_csrf=" + csrf(form) + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("page has a CSRF token").isTrue();
		return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
