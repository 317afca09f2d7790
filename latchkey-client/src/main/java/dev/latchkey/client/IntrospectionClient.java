package dev.latchkey.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 7662 token introspection client on {@link HttpClient}, authenticating as a
 * confidential client with HTTP Basic (RFC 6749 section 2.3.1). Every call is bounded by a
 * timeout; a server that is down or slow gives {@link IntrospectionUnavailableException},
 * never an answer, and a malformed answer counts as inactive. Latchkey answers a client
 * only about its own tokens and its owner's unless an admin has marked it as a resource server
 * (RFC 7662 section 4); any other token introspects as inactive.
 */
public final class IntrospectionClient implements TokenIntrospector {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI endpoint;

	private final String authorization;

	private final Duration timeout;

	private final HttpClient http;

	/**
	 * @param endpoint the introspection endpoint, such as {@code https://latchkey.example/oauth2/introspect}
	 * @param clientId the resource server's client id
	 * @param clientSecret its client secret
	 * @param timeout the longest one call may take, connecting included
	 */
	public IntrospectionClient(URI endpoint, String clientId, String clientSecret, Duration timeout) {
		this.endpoint = endpoint;
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** The introspection endpoint of a Latchkey server at an issuer URL. */
	public static URI endpointOf(URI issuer) {
		String base = issuer.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth2/introspect");
	}

	@Override
	public TokenInfo introspect(String token) {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new IntrospectionUnavailableException("Introspection timed out after " + this.timeout, ex);
		}
		catch (IOException ex) {
			throw new IntrospectionUnavailableException("Introspection endpoint unreachable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntrospectionUnavailableException("Interrupted while introspecting", ex);
		}
		if (response.statusCode() != 200) {
			throw new IntrospectionUnavailableException(
					"Introspection endpoint answered " + response.statusCode() + "; check the client credentials");
		}
		return parse(response.body());
	}

	/** Reads an introspection response; anything that isn't a well-formed one is inactive. */
	static TokenInfo parse(String body) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return TokenInfo.INACTIVE;
		}
		if (json == null || !json.isObject() || !json.path("active").isBoolean() || !json.get("active").asBoolean()) {
			return TokenInfo.INACTIVE;
		}
		Set<String> scopes = new LinkedHashSet<>();
		String scope = text(json, "scope");
		if (scope != null) {
			for (String part : scope.split(" ")) {
				if (!part.isBlank()) {
					scopes.add(part);
				}
			}
		}
		Map<String, Set<String>> resources = resources(json.get("resources"));
		if (resources == null) {
			// A limit that can't be read must not become no limit.
			return TokenInfo.INACTIVE;
		}
		JsonNode cnf = json.get("cnf");
		String jkt = (cnf != null && cnf.isObject()) ? text(cnf, "jkt") : null;
		if (cnf != null && jkt == null) {
			// A binding that can't be read must not become no binding.
			return TokenInfo.INACTIVE;
		}
		Set<String> audience = audience(json.get("aud"));
		if (audience == null) {
			// Nor must an audience that can't be read become none.
			return TokenInfo.INACTIVE;
		}
		return new TokenInfo(true, scopes, text(json, "client_id"), text(json, "username"), text(json, "sub"),
				text(json, "token_type"), epoch(json, "exp"), epoch(json, "iat"), text(json, "latchkey_token_kind"),
				resources, actor(json.get("act")), audience, jkt);
	}

	/** RFC 7662's {@code aud}: one string or an array of them; null when malformed. */
	private static @Nullable Set<String> audience(@Nullable JsonNode claim) {
		if (claim == null) {
			return Set.of();
		}
		if (claim.isString()) {
			return Set.of(claim.asString());
		}
		if (!claim.isArray()) {
			return null;
		}
		Set<String> audience = new LinkedHashSet<>();
		for (JsonNode one : claim) {
			if (!one.isString()) {
				return null;
			}
			audience.add(one.asString());
		}
		return audience;
	}

	/** RFC 8693's actor claim: who acts for the subject, for a sanctioned token. */
	private static @Nullable String actor(@Nullable JsonNode claim) {
		return (claim != null && claim.isObject()) ? text(claim, "sub") : null;
	}

	/** A fine-grained token's {@code resources} claim: type to ids; null when malformed. */
	private static @Nullable Map<String, Set<String>> resources(@Nullable JsonNode claim) {
		if (claim == null) {
			return Map.of();
		}
		if (!claim.isObject()) {
			return null;
		}
		Map<String, Set<String>> resources = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> type : claim.properties()) {
			if (!type.getValue().isArray()) {
				return null;
			}
			Set<String> ids = new LinkedHashSet<>();
			for (JsonNode id : type.getValue()) {
				if (!id.isString()) {
					return null;
				}
				ids.add(id.asString());
			}
			resources.put(type.getKey(), ids);
		}
		return resources;
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static @Nullable Instant epoch(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return (node != null && node.isNumber()) ? Instant.ofEpochSecond(node.asLong()) : null;
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
