package dev.latchkey.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a resource server reaches Latchkey.
 *
 * @param issuerUrl the Latchkey server, such as {@code https://latchkey.example}
 * @param clientId the client id of this API's OAuth App (a confidential client), which a Latchkey
 * admin marks as a resource server; otherwise it may introspect only its owner's tokens and
 * every other user's token is inactive here (RFC 7662 section 4)
 * @param clientSecret that app's client secret
 * @param tokenPrefix the server's token prefix, for the offline checksum check
 * @param timeout the longest an introspection call may take before the request gets {@code 503}
 * @param cache how introspection answers are cached
 * @param resource this API's own URL, its RFC 8707 resource identifier, such as
 * {@code https://notes.example/mcp}; its RFC 9728 metadata is served at the well-known path under
 * it. Unset, the API is described by the address it is reached at
 * @param scopes the scopes this API knows, listed in its metadata so that clients ask for them
 */
@ConfigurationProperties("latchkey.client")
public record LatchkeyClientProperties(@Nullable URI issuerUrl, @Nullable String clientId,
		@Nullable String clientSecret, @DefaultValue("lk") String tokenPrefix, @DefaultValue("2s") Duration timeout,
		@DefaultValue Cache cache, @Nullable URI resource, @DefaultValue List<String> scopes) {

	/**
	 * The introspection cache.
	 *
	 * @param ttl how long a live token's answer is kept, at most (never past its expiry); the
	 * bound on how long a revoked token keeps working here
	 * @param negativeTtl how long an unknown or revoked token's answer is kept
	 * @param maximumSize how many answers are kept at most
	 */
	public record Cache(@DefaultValue("60s") Duration ttl, @DefaultValue("10s") Duration negativeTtl,
			@DefaultValue("10000") long maximumSize) {
	}

	@Override
	public String toString() {
		return "LatchkeyClientProperties[issuerUrl=" + this.issuerUrl + ", clientId=" + this.clientId + "]";
	}

}
