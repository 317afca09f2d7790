package dev.latchkey.client;

import java.net.URI;

/**
 * Where an API's RFC 9728 protected-resource metadata lives: the well-known path goes between
 * the host and the resource's own path, so {@code https://notes.example/mcp} is described at
 * {@code https://notes.example/.well-known/oauth-protected-resource/mcp}.
 */
public final class ProtectedResource {

	/** The well-known path of protected-resource metadata (RFC 9728, section 3). */
	public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	private ProtectedResource() {
	}

	/** The metadata address of a resource identifier: an absolute URL without query or fragment. */
	public static String metadataUrl(String resource) {
		URI uri = URI.create(resource);
		String path = (uri.getRawPath() == null || uri.getRawPath().equals("/")) ? "" : uri.getRawPath();
		String port = (uri.getPort() == -1) ? "" : ":" + uri.getPort();
		return uri.getScheme() + "://" + uri.getHost() + port + METADATA_PATH + path;
	}

}
