package dev.latchkey.server.resource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * The platform's resource types, checked at start, and each user's resources of a type,
 * fetched from the type's list URL with the server's own access token. A list that can't be
 * had is a {@link ResourceListUnavailableException} with a message for the user, never a
 * partial list.
 */
@Component
public class ResourceDirectory {

	/** The most resources one list may hold; a bigger answer is treated as broken. */
	public static final int MAX_LIST_SIZE = 1000;

	static final int MAX_TEXT_LENGTH = 200;

	private static final Logger log = LoggerFactory.getLogger(ResourceDirectory.class);

	private static final Pattern TYPE_RULE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, ResourceType> types;

	private final PlatformCredentials credentials;

	private final Duration timeout;

	private final HttpClient http;

	ResourceDirectory(ResourceProperties properties, ScopeCatalogue scopes, PlatformCredentials credentials) {
		Map<String, ResourceType> types = new LinkedHashMap<>();
		for (ResourceType type : properties.resources()) {
			check(type, scopes);
			if (types.putIfAbsent(type.type(), type) != null) {
				throw new IllegalArgumentException("Resource type '" + type.type() + "' is defined twice");
			}
		}
		this.types = Collections.unmodifiableMap(types);
		this.credentials = credentials;
		this.timeout = properties.resourceListTimeout();
		this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
	}

	private static void check(ResourceType type, ScopeCatalogue scopes) {
		if (!TYPE_RULE.matcher(type.type()).matches()) {
			throw new IllegalArgumentException(
					"Resource type '" + type.type() + "' must be a lower-case word of at most 40 characters");
		}
		if (type.scopes().isEmpty() || !type.scopes().stream().allMatch(scopes::isKnown)) {
			throw new IllegalArgumentException("Resource type '" + type.type() + "' must name scopes of latchkey.scopes");
		}
		if (!type.listUrl().startsWith("http://") && !type.listUrl().startsWith("https://")) {
			throw new IllegalArgumentException("Resource type '" + type.type() + "' needs an http(s) list-url");
		}
	}

	/** Every resource type, in configuration order. */
	public List<ResourceType> types() {
		return List.copyOf(this.types.values());
	}

	public Optional<ResourceType> type(String name) {
		return Optional.ofNullable(this.types.get(name));
	}

	/**
	 * The user's resources of a type, as the platform lists them now.
	 * @throws ResourceListUnavailableException if the list can't be had whole
	 */
	public List<Resource> list(ResourceType type, String username) {
		URI url = URI.create(type.listUrl().replace("{username}", URLEncoder.encode(username, StandardCharsets.UTF_8)));
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.credentials.accessToken())
			.header("Accept", "application/json")
			.GET()
			.build();
		String where = "The list of your " + type.pluralLowerCase() + " at " + url.getHost();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw unavailable(type, where + " didn't answer within " + this.timeout.toSeconds() + " s.");
		}
		catch (IOException ex) {
			throw unavailable(type, where + " couldn't be reached.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(type, where + " couldn't be reached.");
		}
		if (response.statusCode() != 200) {
			throw unavailable(type, where + " answered HTTP " + response.statusCode() + ".");
		}
		return parse(response.body())
			.orElseThrow(() -> unavailable(type, where + " answered something that isn't a list of {id, name}."));
	}

	private static ResourceListUnavailableException unavailable(ResourceType type, String message) {
		log.warn("Resource list for type {} unavailable: {}", type.type(), message);
		return new ResourceListUnavailableException(message);
	}

	/** A JSON array of objects with an id (text or whole number) and a name; anything else is empty. */
	static Optional<List<Resource>> parse(String body) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		if (json == null || !json.isArray() || json.size() > MAX_LIST_SIZE) {
			return Optional.empty();
		}
		List<Resource> resources = new ArrayList<>();
		for (JsonNode item : json) {
			JsonNode id = item.get("id");
			JsonNode name = item.get("name");
			if (id == null || !(id.isString() || id.isIntegralNumber()) || name == null || !name.isString()) {
				return Optional.empty();
			}
			String idText = id.asString();
			if (idText.isEmpty() || idText.length() > MAX_TEXT_LENGTH || idText.chars().anyMatch(Character::isISOControl)) {
				return Optional.empty();
			}
			resources.add(new Resource(idText, clean(name.asString())));
		}
		return Optional.of(List.copyOf(resources));
	}

	private static String clean(String name) {
		String printable = name.replaceAll("\\p{Cntrl}", " ").strip();
		return (printable.length() > MAX_TEXT_LENGTH) ? printable.substring(0, MAX_TEXT_LENGTH) : printable;
	}

}
