package dev.latchkey.server.token;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/user/tokens}.
 *
 * @param name the token's name
 * @param description an optional note
 * @param scopes what it may do
 * @param expiresAt an RFC 3339 date-time or a date
 * @param expiresInDays days from now
 * @param rateLimitPerHour a limit of the token's own, on top of its owner's
 * @param resources the resource ids to limit it to, by type, such as {@code {"notebook": ["12"]}};
 * a type not named is not limited
 * @param sanctionFor the username of a user to sanction the token for; they accept it and
 * alone see its value
 * @param audience the APIs to bind it to (RFC 8707 resource identifiers), such as
 * {@code ["https://notes.example/mcp"]}; other APIs refuse it. Absent: any API accepts it
 */
record CreateTokenJson(@Nullable String name, @Nullable String description, @Nullable List<String> scopes,
		@Nullable String expiresAt, @Nullable Integer expiresInDays, @Nullable Integer rateLimitPerHour,
		@Nullable Map<String, List<String>> resources, @Nullable String sanctionFor, @Nullable List<String> audience) {

	TokenRequest toRequest() {
		return new TokenRequest(this.name, this.description, (this.scopes != null) ? this.scopes : List.of(),
				ExpirationJson.read(this.expiresAt, this.expiresInDays), this.rateLimitPerHour,
				(this.resources != null) ? this.resources : Map.of(), (this.audience != null) ? this.audience : List.of());
	}

}
