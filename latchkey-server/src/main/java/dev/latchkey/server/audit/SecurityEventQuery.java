package dev.latchkey.server.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which entries to show, newest first, a page at a time. Every filter is optional.
 *
 * @param accountId only entries about this user
 * @param action only this kind of event
 * @param actor only entries caused by this actor
 * @param since only entries at or after this time
 * @param before only entries with an id below this one: the next page after an entry
 * @param limit at most this many entries
 */
public record SecurityEventQuery(@Nullable Long accountId, @Nullable SecurityAction action, @Nullable String actor,
		@Nullable Instant since, @Nullable Long before, int limit) {

	/** The largest page the API and pages give. */
	public static final int MAX_LIMIT = 100;

	public SecurityEventQuery {
		limit = Math.max(1, Math.min(limit, MAX_LIMIT));
	}

}
