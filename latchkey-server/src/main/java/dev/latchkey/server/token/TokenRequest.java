package dev.latchkey.server.token;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a user asks for when generating a token, from the page or the API.
 *
 * @param name the token's name, unique per user
 * @param description an optional note
 * @param scopes what the token may do; at least one
 * @param expiration when it should stop working
 * @param rateLimitPerHour a limit of the token's own, below its owner's; absent for the owner's alone
 * @param resources the ids to limit the token to, by resource type; a type not named is not limited
 * @param audience the APIs to bind the token to (RFC 8707 resource identifiers); empty for any API
 */
public record TokenRequest(@Nullable String name, @Nullable String description, List<String> scopes,
		Expiration expiration, @Nullable Integer rateLimitPerHour, Map<String, List<String>> resources,
		List<String> audience) {

	/** A token for any API. */
	public TokenRequest(@Nullable String name, @Nullable String description, List<String> scopes,
			Expiration expiration, @Nullable Integer rateLimitPerHour, Map<String, List<String>> resources) {
		this(name, description, scopes, expiration, rateLimitPerHour, resources, List.of());
	}

	public TokenRequest(@Nullable String name, @Nullable String description, List<String> scopes,
			Expiration expiration) {
		this(name, description, scopes, expiration, null, Map.of());
	}

	public TokenRequest(@Nullable String name, @Nullable String description, List<String> scopes,
			Expiration expiration, @Nullable Integer rateLimitPerHour) {
		this(name, description, scopes, expiration, rateLimitPerHour, Map.of());
	}

}
