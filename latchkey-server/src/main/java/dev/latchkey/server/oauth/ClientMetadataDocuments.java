package dev.latchkey.server.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document, as the MCP
 * authorization spec uses them): an app's {@code client_id} is the {@code https} URL of a JSON
 * document about itself, which Latchkey fetches instead of anyone registering the app.
 * <p>
 * Fetching a URL a stranger names is a door into the network the server sits in, so it is
 * narrow: {@code https} only, to a public address (never loopback, private or link-local, unless
 * configured for development), no redirects, five seconds, 64 KB. The document must name itself
 * as the {@code client_id}, be a public client, and list callbacks an app that registers itself
 * may have. Its answer is cached with the app's other settings.
 */
@Component
class ClientMetadataDocuments {

	private static final Logger log = LoggerFactory.getLogger(ClientMetadataDocuments.class);

	static final int MAX_BYTES = 64 * 1024;

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_NAME = 100;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final boolean loopbackAllowed;

	ClientMetadataDocuments(OAuthProperties properties) {
		this.loopbackAllowed = properties.clientMetadataDocumentsOnLoopback();
	}

	/**
	 * What an app's metadata document says about it.
	 *
	 * @param clientId the document's URL, the app's client id
	 * @param name its name, or the document's host
	 * @param homepage its {@code client_uri}, or the document's origin
	 * @param callbacks its redirect URIs
	 */
	record Document(String clientId, String name, String homepage, List<String> callbacks) {
	}

	/** Whether a client id is meant as a metadata document's URL, rather than an id Latchkey gave. */
	static boolean isUrl(String clientId) {
		String lower = clientId.toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

	/** The document at a client id URL, when it can be fetched and says what it must; empty otherwise. */
	Optional<Document> fetch(String clientId) {
		URI uri = allowedUrl(clientId);
		if (uri == null) {
			return Optional.empty();
		}
		try {
			HttpResponse<InputStream> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					return refused(clientId, "answered " + response.statusCode());
				}
				byte[] bytes = body.readNBytes(MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) {
					return refused(clientId, "is larger than " + MAX_BYTES + " bytes");
				}
				return read(clientId, uri, this.json.readTree(bytes));
			}
		}
		catch (IOException | JacksonException ex) {
			return refused(clientId, "could not be read: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private Optional<Document> read(String clientId, URI uri, JsonNode document) {
		if (document == null || !document.isObject() || !clientId.equals(text(document, "client_id"))) {
			return refused(clientId, "doesn't name itself as the client_id");
		}
		if (document.has("client_secret")
				|| !List.of("none").contains(textOr(document, "token_endpoint_auth_method", "none"))) {
			return refused(clientId, "isn't a public client (token_endpoint_auth_method none)");
		}
		JsonNode uris = document.get("redirect_uris");
		List<String> callbacks = new ArrayList<>();
		if (uris != null && uris.isArray()) {
			uris.forEach((callback) -> callbacks.add(callback.isString() ? callback.asString() : ""));
		}
		if (callbacks.isEmpty() || callbacks.size() > OAuthAppService.MAX_CALLBACKS
				|| !callbacks.stream().allMatch(CallbackUrls::isDynamicCallback)) {
			return refused(clientId, "has no redirect_uris an app that registers itself may use");
		}
		String name = textOr(document, "client_name", uri.getHost()).strip();
		String clientUri = text(document, "client_uri");
		String homepage = (clientUri != null && CallbackUrls.isDynamicCallback(clientUri)) ? clientUri
				: uri.getScheme() + "://" + uri.getRawAuthority();
		return Optional.of(new Document(clientId, name.isEmpty() ? uri.getHost()
				: name.substring(0, Math.min(name.length(), MAX_NAME)), homepage, List.copyOf(callbacks)));
	}

	/** The URL, if it is one this server may fetch: https to a public address, with a path, nothing else. */
	private @Nullable URI allowedUrl(String clientId) {
		URI uri;
		try {
			uri = new URI(clientId);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		if (clientId.length() > 2000 || uri.getHost() == null || uri.getRawFragment() != null
				|| uri.getRawUserInfo() != null || uri.getRawPath() == null || uri.getRawPath().length() < 2
				|| !(https || (this.loopbackAllowed && "http".equalsIgnoreCase(uri.getScheme())))) {
			return null;
		}
		if (!this.loopbackAllowed && !publicHost(uri.getHost())) {
			refused(clientId, "names a host that isn't on the public internet");
			return null;
		}
		return uri;
	}

	/** Whether every address of a host is public: no fetching from the server's own network. */
	private static boolean publicHost(String host) {
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				byte[] bytes = address.getAddress();
				boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
				if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
						|| address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
					return false;
				}
			}
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static Optional<Document> refused(String clientId, String why) {
		log.info("Client ID metadata document {} {}", clientId, why);
		return Optional.empty();
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String textOr(JsonNode node, String field, String otherwise) {
		String value = text(node, field);
		return (value != null) ? value : otherwise;
	}

}
