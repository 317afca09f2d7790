package dev.latchkey.client.servlet;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.latchkey.client.IntrospectionUnavailableException;
import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenInfo;
import dev.latchkey.client.TokenKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter in a real servlet container (embedded Tomcat), over real HTTP.
 */
class LatchkeyAuthenticationFilterTests {

	private final String good = TokenFormat.withDefaultPrefix().generate(TokenKind.PERSONAL);

	private final String unavailable = TokenFormat.withDefaultPrefix().generate(TokenKind.OAUTH_ACCESS);

	private final HttpClient http = HttpClient.newHttpClient();

	private Tomcat tomcat;

	private int port;

	@BeforeEach
	void startContainer() throws Exception {
		this.tomcat = new Tomcat();
		File base = Files.createTempDirectory("tomcat").toFile();
		this.tomcat.setBaseDir(base.getAbsolutePath());
		this.tomcat.setPort(0);
		this.tomcat.getConnector();
		Context context = this.tomcat.addContext("", base.getAbsolutePath());
		FilterDef filter = new FilterDef();
		filter.setFilterName("latchkey");
		filter.setFilter(new LatchkeyAuthenticationFilter((token) -> {
			if (token.equals(this.unavailable)) {
				throw new IntrospectionUnavailableException("down");
			}
			return token.equals(this.good)
					? new TokenInfo(true, java.util.Set.of("notes:read"), null, "mona", "mona", "Bearer",
							java.time.Instant.parse("2030-01-01T00:00:00Z"), null, "personal")
					: TokenInfo.INACTIVE;
		}, true));
		context.addFilterDef(filter);
		FilterMap map = new FilterMap();
		map.setFilterName("latchkey");
		map.addURLPattern("/*");
		context.addFilterMap(map);
		Tomcat.addServlet(context, "notes", new HttpServlet() {
			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
				if (Scopes.require(request, response, "notes:read")) {
					response.getWriter().write("hello " + request.getUserPrincipal().getName() + " "
							+ LatchkeyPrincipal.of(request).kind());
				}
			}

			@Override
			protected void doPost(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
				if (Scopes.require(request, response, "notes:write")) {
					response.getWriter().write("written");
				}
			}
		});
		context.addServletMappingDecoded("/*", "notes");
		this.tomcat.start();
		this.port = this.tomcat.getConnector().getLocalPort();
	}

	@AfterEach
	void stopContainer() throws Exception {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	@Test
	void requestWhenTokenGoodThenPrincipalAndHeadersAsTheServerSends() throws Exception {
		for (String authorization : new String[] { "Bearer " + this.good, "token " + this.good,
				"Basic " + java.util.Base64.getEncoder().encodeToString(("git:" + this.good).getBytes()) }) {
			HttpResponse<String> response = get(authorization);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello mona personal");
			assertThat(response.headers().firstValue("X-OAuth-Scopes")).contains("notes:read");
			assertThat(response.headers().firstValue("X-Accepted-OAuth-Scopes")).contains("notes:read");
			assertThat(response.headers().firstValue("Latchkey-Token-Expiration")).contains("2030-01-01T00:00:00Z");
		}
	}

	@Test
	void requestWhenTokenMissingMalformedOrInactiveThen401WithChallengeAndProblem() throws Exception {
		for (String authorization : new String[] { null, "Digest abc", "Bearer lkp_nope", "Bearer " + "x".repeat(600) }) {
			HttpResponse<String> response = get(authorization);
			assertThat(response.statusCode()).as(authorization).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
				.startsWith("Bearer realm=\"latchkey\", error=\"invalid_token\"");
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":401");
		}
	}

	@Test
	void requestWhenScopeMissingThen403InsufficientScope() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/notes"))
					.header("Authorization", "Bearer " + this.good)
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"notes:write\"");
		assertThat(response.body()).contains("insufficient_scope");
	}

	@Test
	void requestWhenLatchkeyUnreachableThen503NeverPass() throws Exception {
		HttpResponse<String> response = get("Bearer " + this.unavailable);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		assertThat(response.body()).contains("temporarily_unavailable").doesNotContain("hello");
	}

	private HttpResponse<String> get(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/notes"))
			.timeout(Duration.ofSeconds(10));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
