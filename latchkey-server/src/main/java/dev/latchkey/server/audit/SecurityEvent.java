package dev.latchkey.server.audit;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the security log.
 *
 * @param id the entry's id, increasing with time
 * @param occurredAt when it happened
 * @param action what happened
 * @param accountId the user it is about, whose security log shows it
 * @param actor who did it (see {@link Origin#actor()})
 * @param ipAddress from where, when a request caused it
 * @param userAgent with what client, when a request caused it
 * @param tokenId the personal access token it is about, if any
 * @param details short facts such as the token's name; never a secret
 */
public record SecurityEvent(long id, Instant occurredAt, SecurityAction action, @Nullable Long accountId,
		String actor, @Nullable String ipAddress, @Nullable String userAgent, @Nullable Long tokenId,
		Map<String, String> details) {

}
