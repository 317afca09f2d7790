package dev.latchkey.server.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client ID metadata documents, with the documents served over real HTTP: an app whose client
 * id is the URL of a document about itself is authorized like one that registered, its consent
 * page naming the document's host; a document that doesn't name itself, doesn't list the
 * callback, is too large or isn't there, makes no app.
 */
@LatchkeyTest
class ClientMetadataDocumentTests {

	private static final String CALLBACK = "http://127.0.0.1:53682/callback";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	ResourceServers apps;

	HttpServer documents;

	final Map<String, String> served = new ConcurrentHashMap<>();

	OAuthTestSupport oauth;

	@BeforeEach
	void serveDocuments() throws IOException {
		this.oauth = new OAuthTestSupport(this.port);
		this.documents = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.documents.createContext("/", (exchange) -> {
			String body = this.served.get(exchange.getRequestURI().getPath());
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.documents.start();
	}

	@AfterEach
	void stopDocuments() {
		this.documents.stop(0);
	}

	@Test
	void clientIdWhenTheUrlOfItsDocumentThenAuthorizedWithPkceAndTheConsentPageNamesTheHost() throws Exception {
		String clientId = document("/agents/claude.json", "{\"client_id\":\"%s\",\"client_name\":\"Doc Agent\","
				+ "\"redirect_uris\":[\"" + CALLBACK + "\"],\"token_endpoint_auth_method\":\"none\"}");
		Account user = this.fixtures.user();
		BrowserSession browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationRequest request = authorization(clientId).codeChallenge(verifier, CodeChallengeMethod.S256).build();

		String consent = browser.get(BrowserSession.location(browser.get(request.toURI().toString()))).body();
		assertThat(consent).contains("Authorize Doc Agent").contains("This app registered itself")
			.contains("class=\"document-host\">127.0.0.1<");
		AuthorizationCode code = this.oauth.code(browser, request);
		TokenResponse tokens = TokenResponse.parse(new TokenRequest(this.oauth.endpoint("/oauth2/token"),
				new ClientID(clientId), new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier))
			.toHTTPRequest()
			.send());

		String access = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(access)).json().get("username").asString())
			.isEqualTo(user.username());
		assertThat(this.apps.find(clientId).orElseThrow().app().registeredDynamically()).isTrue();
	}

	@Test
	void documentWhenItNamesAnotherClientOrLacksTheCallbackOrIsTooBigOrMissingThenNoAuthorization() throws Exception {
		String impostor = document("/impostor.json", "{\"client_id\":\"https://trusted.example/app.json\","
				+ "\"redirect_uris\":[\"" + CALLBACK + "\"]}");
		String otherCallback = document("/other.json",
				"{\"client_id\":\"%s\",\"redirect_uris\":[\"http://127.0.0.1:9999/elsewhere\"]}");
		String secretive = document("/secret.json",
				"{\"client_id\":\"%s\",\"client_secret\":\"x\",\"redirect_uris\":[\"" + CALLBACK + "\"]}");
		String huge = document("/huge.json", "{\"client_id\":\"%s\",\"redirect_uris\":[\"" + CALLBACK + "\"],\"pad\":\""
				+ "x".repeat(ClientMetadataDocuments.MAX_BYTES) + "\"}");
		String missing = "http://127.0.0.1:" + this.documents.getAddress().getPort() + "/nothing.json";
		BrowserSession browser = new BrowserSession(this.port).signIn(this.fixtures.user().username(),
				TestFixtures.PASSWORD);

		for (String clientId : new String[] { impostor, otherCallback, secretive, huge, missing }) {
			HttpResponse<String> answer = browser.get(authorization(clientId)
				.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
				.build()
				.toURI()
				.toString());
			assertThat(answer.statusCode()).as(clientId).isEqualTo(400);
			// A good document with other callbacks is an app; the request just isn't its.
			assertThat(this.apps.find(clientId).isPresent()).as(clientId).isEqualTo(clientId.equals(otherCallback));
		}
	}

	@Test
	void metadataWhenRegistrationIsOpenThenSaysDocumentsAreSupported() {
		assertThat(new Http(this.port).get("/.well-known/oauth-authorization-server").json()
			.get("client_id_metadata_document_supported").asBoolean()).isTrue();
	}

	/** Serves a document, {@code %s} in it standing for its own URL; its URL. */
	private String document(String path, String body) {
		String url = "http://127.0.0.1:" + this.documents.getAddress().getPort() + path;
		this.served.put(path, body.contains("%s") ? body.formatted(url) : body);
		return url;
	}

	private AuthorizationRequest.Builder authorization(String clientId) {
		return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
			.endpointURI(this.oauth.endpoint("/oauth2/authorize"))
			.redirectionURI(URI.create(CALLBACK))
			.scope(Scope.parse("user"))
			.state(new State());
	}

}
