package dev.latchkey.server.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * The whole security log for admins, newest first, a page at a time: the next page's URL is
 * in the {@code Link} header ({@code rel="next"}), as in GitHub's API. With
 * {@code Accept: text/csv} it is the whole matching log as CSV instead.
 */
@RestController
class SecurityEventsApiController {

	private static final String PATH = "/api/v1/admin/security-events";

	private final AuditLog audit;

	private final AccountIds accounts;

	SecurityEventsApiController(AuditLog audit, AccountIds accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	@GetMapping(path = PATH, produces = "application/json")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<List<EventJson>> list(@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable Long before,
			@RequestParam(name = "per_page", defaultValue = "30") int perPage) {
		SecurityEventQuery query = query(user, action, since, before, perPage);
		List<SecurityEvent> events = this.audit.find(query);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (events.size() == query.limit()) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("before", events.get(events.size() - 1).id())
				.toUriString();
			response.header("Link", "<" + next + ">; rel=\"next\"");
		}
		return response.body(events.stream().map(EventJson::of).toList());
	}

	@GetMapping(path = PATH, produces = "text/csv")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	void export(@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String since,
			HttpServletResponse response) throws IOException {
		SecurityEventQuery query = query(user, action, since, null, SecurityEventQuery.MAX_LIMIT);
		response.setContentType("text/csv;charset=UTF-8");
		SecurityEventCsv.write(this.audit, query, response.getWriter());
	}

	private SecurityEventQuery query(@Nullable String user, @Nullable String action,
			@Nullable String since, @Nullable Long before, int perPage) {
		return new SecurityEventQuery(SecurityEventFilters.user(this.accounts, user), SecurityEventFilters.action(action),
				null, SecurityEventFilters.since(since), before, perPage);
	}

	/**
	 * An entry as the API shows it.
	 *
	 * @param id the entry's id; pass it as {@code before} for the entries before it
	 * @param occurredAt when
	 * @param action the event's name, such as {@code personal_access_token.created}
	 * @param accountId the user it is about
	 * @param actor who did it
	 * @param ipAddress from where
	 * @param userAgent with what client
	 * @param tokenId the personal access token it is about
	 * @param details short facts such as the token's name
	 */
	record EventJson(long id, Instant occurredAt, String action, @Nullable Long accountId, String actor,
			@Nullable String ipAddress, @Nullable String userAgent, @Nullable Long tokenId, Map<String, String> details) {

		static EventJson of(SecurityEvent event) {
			return new EventJson(event.id(), event.occurredAt(), event.action().code(), event.accountId(), event.actor(),
					event.ipAddress(), event.userAgent(), event.tokenId(), event.details());
		}

	}

}
