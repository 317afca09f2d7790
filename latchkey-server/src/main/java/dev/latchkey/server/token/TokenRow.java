package dev.latchkey.server.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.resource.Resource;
import dev.latchkey.server.web.RelativeTime;

/**
 * One line of the token list, formatted for the page.
 *
 * @param id the token's id
 * @param name its name
 * @param description its description
 * @param scopes its scopes
 * @param hint its start and last four characters
 * @param created when it was created
 * @param expires when it expires, or "Never"
 * @param expired whether it has expired
 * @param lastUsed how long ago it was used, or "Never used"
 * @param lastUsedIp where it was last used from
 * @param limits for a fine-grained token, a line per limited resource type, such as
 * "Only notebook: Work, Ideas"
 * @param heldBy for a sanctioned token, who holds it and whether they accepted it
 * @param createdBy for a token an OAuth App's token created, such as "Created by Latchkey CLI"
 */
public record TokenRow(long id, String name, @Nullable String description, List<String> scopes, String hint, String created,
		String expires, boolean expired, String lastUsed, @Nullable String lastUsedIp, List<String> limits,
		@Nullable String heldBy, @Nullable String createdBy) {

	public static TokenRow of(TokenMetadata token, Instant now) {
		String expires = (token.expiresAt() != null) ? RelativeTime.date(token.expiresAt()) : "Never";
		String lastUsed = (token.lastUsedAt() != null) ? "Last used " + RelativeTime.ago(token.lastUsedAt(), now)
				: "Never used";
		return new TokenRow(token.id(), token.name(), token.description(), token.scopes(), token.redacted(),
				RelativeTime.date(token.createdAt()), expires, token.isExpired(now), lastUsed, token.lastUsedIp(),
				limits(token.resources()), heldBy(token.delegation()),
				(token.createdBy() != null) ? "Created by " + token.createdBy().label() : null);
	}

	private static @Nullable String heldBy(@Nullable Delegation delegation) {
		if (delegation == null) {
			return null;
		}
		return "Sanctioned for " + delegation.username() + " · " + ((delegation.acceptedAt() != null)
				? "accepted " + RelativeTime.date(delegation.acceptedAt()) : "waiting for acceptance");
	}

	private static List<String> limits(ResourceSelection resources) {
		List<String> limits = new ArrayList<>();
		resources.byType()
			.forEach((type, selected) -> limits.add("Only " + type + ": "
					+ String.join(", ", selected.stream().map(Resource::name).toList())));
		return limits;
	}

}
