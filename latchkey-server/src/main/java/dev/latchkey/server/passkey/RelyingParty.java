package dev.latchkey.server.passkey;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The domain passkeys are bound to and the origins allowed to use them. The set of origins is
 * live: on {@code localhost} the server adds its own port once it knows it, which for a server
 * on a random port (tests, a second local node) is only after it has started.
 *
 * @param id the relying party id: a domain
 * @param origins the allowed origins, read on every ceremony
 */
record RelyingParty(String id, Set<String> origins) {

	static RelyingParty of(PasskeyProperties properties, URI baseUrl) {
		String id = (properties.rpId() != null) ? properties.rpId() : baseUrl.getHost();
		Set<String> origins = ConcurrentHashMap.newKeySet();
		if (properties.origins().isEmpty()) {
			origins.add(origin(baseUrl));
		}
		else {
			origins.addAll(properties.origins());
		}
		return new RelyingParty(id, origins);
	}

	/**
	 * Allows this server's own origin on {@code localhost}. Nowhere else: a passkey made for a
	 * real domain can't be used from localhost anyway, and origins should stay what the operator named.
	 */
	void serverStarted(int port) {
		if ("localhost".equals(this.id)) {
			this.origins.add("http://localhost:" + port);
		}
	}

	private static String origin(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

}
