package dev.latchkey.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the API authenticates a request, over real HTTP: every scheme, every header, every
 * way a token can be wrong.
 */
@LatchkeyTest
class ApiAuthenticationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	TokenService tokens;

	@Autowired
	MutableClock clock;

	Http http;

	Account user;

	IssuedToken token;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.user = this.fixtures.user();
		this.token = this.fixtures.token(this.user, "user", "tokens:read");
	}

	@Test
	void metaWhenAnonymousThenPublishesTokenPatternsAndScopes() {
		Response response = this.http.get("/api/v1/meta");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/tokens/personal/regex").asString()).isEqualTo("^lkp_[0-9A-Za-z]{36}$");
		assertThat(response.json().at("/tokens/personal/prefix").asString()).isEqualTo("lkp_");
		assertThat(response.body()).contains("\"notes:read\"", "\"tokens:write\"");
	}

	@Test
	void userWhenBearerThenOkWithScopeAndExpiryHeaders() {
		Response response = this.http.get("/api/v1/user", Http.bearer(this.token.secret().reveal()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("username").asString()).isEqualTo(this.user.username());
		assertThat(response.header("X-OAuth-Scopes")).isEqualTo("user, tokens:read");
		assertThat(response.header("X-Accepted-OAuth-Scopes")).isEqualTo("user");
		assertThat(response.header("Latchkey-Token-Expiration"))
			.isEqualTo(this.token.metadata().expiresAt().toString());
	}

	@Test
	void userWhenGitHubTokenSchemeThenOk() {
		Response response = this.http.get("/api/v1/user", "Authorization", "token " + this.token.secret().reveal());
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void userWhenSchemeInOtherCaseThenOk() {
		Response response = this.http.get("/api/v1/user", "Authorization", "bearer " + this.token.secret().reveal());
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void userWhenBasicWithTokenAsPasswordThenOk() {
		Response response = this.http.get("/api/v1/user", Http.basic("anything", this.token.secret().reveal()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("username").asString()).isEqualTo(this.user.username());
	}

	@Test
	void userWhenTokenNeverExpiresThenNoExpirationHeader() {
		IssuedToken forever = this.fixtures.token(this.user, new Expiration.Never(), "user");
		Response response = this.http.get("/api/v1/user", Http.bearer(forever.secret().reveal()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Latchkey-Token-Expiration")).isNull();
	}

	@Test
	void userWhenNoTokenThenUnauthorizedWithChallenge() {
		assertInvalidToken(this.http.get("/api/v1/user"));
	}

	@Test
	void userWhenTokenOnlyInQueryStringThenUnauthorized() {
		assertInvalidToken(this.http.get("/api/v1/user?access_token=" + this.token.secret().reveal()));
	}

	@Test
	void userWhenAuthorizationEmptyThenUnauthorized() {
		assertInvalidToken(this.http.get("/api/v1/user", "Authorization", ""));
	}

	@Test
	void userWhenSchemeWithoutTokenThenUnauthorized() {
		assertInvalidToken(this.http.get("/api/v1/user", "Authorization", "Bearer"));
	}

	@Test
	void userWhenUnknownSchemeThenUnauthorized() {
		Response response = this.http.get("/api/v1/user", "Authorization", "Digest " + this.token.secret().reveal());
		assertInvalidToken(response);
		assertThat(response.json().get("detail").asString()).contains("scheme");
	}

	@Test
	void userWhenTenKilobyteTokenThenUnauthorized() {
		assertInvalidToken(this.http.get("/api/v1/user", Http.bearer("lkp_" + "a".repeat(10 * 1024))));
	}

	@Test
	void userWhenNonAsciiBytesThenUnauthorizedNotServerError() throws IOException {
		byte[] token = ("lkp_" + "é".repeat(36)).getBytes(StandardCharsets.UTF_8);
		String response = rawRequest(token);
		assertThat(response).startsWith("HTTP/1.1 401");
		assertThat(response).contains("application/problem+json").contains("invalid_token");
	}

	@Test
	void userWhenChecksumWrongThenUnauthorizedAsMalformed() {
		String good = this.token.secret().reveal();
		char last = good.charAt(good.length() - 1);
		String bad = good.substring(0, good.length() - 1) + ((last == 'a') ? 'b' : 'a');
		Response response = this.http.get("/api/v1/user", Http.bearer(bad));
		assertInvalidToken(response);
		assertThat(response.json().get("detail").asString()).contains("malformed");
	}

	@Test
	void userWhenWellFormedButUnknownThenUnauthorized() {
		String unknown = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);
		Response response = this.http.get("/api/v1/user", Http.bearer(unknown));
		assertInvalidToken(response);
		assertThat(response.json().get("detail").asString()).contains("unknown");
	}

	@Test
	void userWhenOtherKindOfTokenThenUnauthorized() {
		String refresh = TokenFormat.withDefaultPrefix().generate(TokenKind.OAUTH_REFRESH);
		assertInvalidToken(this.http.get("/api/v1/user", Http.bearer(refresh)));
	}

	@Test
	void userWhenTokenExpiredThenUnauthorized() {
		IssuedToken shortLived = this.fixtures.token(this.user, new Expiration.InDays(1), "user");
		assertThat(this.http.get("/api/v1/user", Http.bearer(shortLived.secret().reveal())).status()).isEqualTo(200);
		this.clock.advance(Duration.ofDays(1).plusSeconds(1));
		Response response = this.http.get("/api/v1/user", Http.bearer(shortLived.secret().reveal()));
		assertInvalidToken(response);
		assertThat(response.json().get("detail").asString()).contains("expired");
	}

	@Test
	void userWhenTokenRevokedThenUnauthorizedOnTheVeryNextRequest() {
		String secret = this.token.secret().reveal();
		assertThat(this.http.get("/api/v1/user", Http.bearer(secret)).status()).isEqualTo(200);
		this.tokens.revoke(this.user.id(), this.token.metadata().id());
		assertInvalidToken(this.http.get("/api/v1/user", Http.bearer(secret)));
	}

	@Test
	void userWhenTokenLacksScopeThenForbiddenWithInsufficientScope() {
		IssuedToken notes = this.fixtures.token(this.user, "notes:read");
		Response response = this.http.get("/api/v1/user", Http.bearer(notes.secret().reveal()));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ")
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"user\"")
			.contains("resource_metadata=\"" + metadataUrl() + "\"");
		assertThat(response.header("X-OAuth-Scopes")).isEqualTo("notes:read");
		assertThat(response.header("X-Accepted-OAuth-Scopes")).isEqualTo("user");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(403);
	}

	@Test
	void metaWhenBadTokenPresentedThenUnauthorized() {
		assertInvalidToken(this.http.get("/api/v1/meta", Http.bearer("lkp_nonsense")));
	}

	@Test
	void unknownApiPathWhenAuthenticatedThenProblemNotFound() {
		Response response = this.http.get("/api/v1/nothing-here", Http.bearer(this.token.secret().reveal()));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	/** RFC 9728: where a client reads which authorization server to ask for a token. */
	private String metadataUrl() {
		return "http://localhost:" + this.port + "/.well-known/oauth-protected-resource/api";
	}

	private void assertInvalidToken(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"latchkey\"")
			.contains("error=\"invalid_token\"")
			.contains("error_description=\"")
			.endsWith(", resource_metadata=\"" + metadataUrl() + "\"");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.latchkey");
	}

	/** The JDK client refuses non-ASCII header bytes, so this one is written by hand. */
	private String rawRequest(byte[] token) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/v1/user HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
				.getBytes(StandardCharsets.US_ASCII));
			out.write(token);
			out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
