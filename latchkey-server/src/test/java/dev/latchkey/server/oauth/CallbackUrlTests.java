package dev.latchkey.server.oauth;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which authorization callback URLs "New OAuth App" accepts, over real HTTP: https anywhere,
 * plain http only back to the user's own machine (RFC 8252 section 7.3), and a native app's
 * private-use scheme (RFC 8252 section 7.1).
 */
@LatchkeyTest
class CallbackUrlTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	PageSession page;

	Account owner;

	@BeforeEach
	void setUp() {
		this.page = new PageSession(this.port);
		this.owner = this.fixtures.user();
		// Signing in opens sudo mode, which registering an app needs.
		this.page.signIn(this.owner.username(), TestFixtures.PASSWORD);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example/callback", "http://app.example:8080/callback",
			"http://localhost.evil.example/callback", "http://127.0.0.1.evil.example/callback",
			"http://10.0.0.7/callback", "http://0.0.0.0:8000/callback" })
	void registerWhenPlainHttpToAnotherHostThenFieldErrorAndNoApp(String callback) {
		HttpResponse<String> response = register(callback);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("class=\"field-error\"")
			.contains("https")
			.doesNotContain("data-testid=\"client-id\"");
		assertThat(this.apps.list(this.owner.id())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example/callback", "http://127.0.0.1:8000/callback",
			"http://127.0.0.1/callback", "http://[::1]:8000/callback", "http://localhost:3000/callback",
			"com.example.app:/oauth2redirect" })
	void registerWhenHttpsLoopbackOrNativeSchemeThenAppRegistered(String callback) {
		HttpResponse<String> response = register(callback);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data-testid=\"client-id\"");
		assertThat(this.apps.list(this.owner.id())).singleElement()
			.satisfies((app) -> assertThat(app.redirectUris()).containsExactly(callback));
	}

	private HttpResponse<String> register(String callback) {
		return this.page.submit("/settings/developers/new", "/settings/developers",
				"name=Acme&homepageUrl=" + PageSession.encode("https://app.example") + "&callbackUrls="
						+ PageSession.encode(callback) + "&clientType=confidential");
	}

}
