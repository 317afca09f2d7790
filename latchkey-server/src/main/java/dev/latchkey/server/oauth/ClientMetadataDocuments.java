package dev.latchkey.server.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
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
 * narrow: {@code https} only, connecting only to public addresses (never loopback, private or
 * link-local, unless configured for development; checked as the connection resolves them), no
 * redirects, five seconds, 64 KB. The document must name itself
 * as the {@code client_id}, be a public client, and list callbacks an app that registers itself
 * may have. Its answer is cached with the app's other settings.
 */
@Component
class ClientMetadataDocuments {

	private static final Logger log = LoggerFactory.getLogger(ClientMetadataDocuments.class);

	static final int MAX_BYTES = 64 * 1024;

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_NAME = 100;

	private final CloseableHttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final boolean loopbackAllowed;

	ClientMetadataDocuments(OAuthProperties properties) {
		this.loopbackAllowed = properties.clientMetadataDocumentsOnLoopback();
		// The addresses are checked where they are resolved for the connection itself, so a name
		// that resolves to a public address for a check and a private one for the request
		// (DNS rebinding) still can't reach the server's network.
		DnsResolver checked = this.loopbackAllowed ? SystemDefaultDnsResolver.INSTANCE : publicOnly();
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(checked)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(TIMEOUT))
					.setSocketTimeout(Timeout.of(TIMEOUT))
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(TIMEOUT)).build())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAutomaticRetries()
			.build();
	}

	@PreDestroy
	void close() throws IOException {
		this.http.close();
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
			return this.http.execute(new HttpGet(uri), (response) -> {
				if (response.getCode() != 200 || response.getEntity() == null) {
					return refused(clientId, "answered " + response.getCode());
				}
				try (InputStream body = response.getEntity().getContent()) {
					byte[] bytes = body.readNBytes(MAX_BYTES + 1);
					if (bytes.length > MAX_BYTES) {
						return refused(clientId, "is larger than " + MAX_BYTES + " bytes");
					}
					return read(clientId, uri, this.json.readTree(bytes));
				}
			});
		}
		catch (IOException | JacksonException ex) {
			return refused(clientId, "could not be read: " + ex.getClass().getSimpleName());
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
		return uri;
	}

	/**
	 * A resolver that answers only for names whose every address is public, used for the
	 * connection itself: a name that gave a public address to a check and a private one to the
	 * connection (DNS rebinding) has no second chance.
	 */
	static DnsResolver publicOnly() {
		return new SystemDefaultDnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				InetAddress[] addresses = super.resolve(host);
				if (!allPublic(addresses)) {
					throw new UnknownHostException(host + " isn't on the public internet");
				}
				return addresses;
			}

		};
	}

	/** Whether every address is public: no fetching from the server's own machine or network. */
	private static boolean allPublic(InetAddress[] addresses) {
		for (InetAddress address : addresses) {
			byte[] bytes = address.getAddress();
			boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
			if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
				return false;
			}
		}
		return addresses.length > 0;
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
