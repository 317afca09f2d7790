package dev.latchkey.server.account;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.web.RelativeTime;

/**
 * An account's browser sessions, on every node: Spring Session keeps them in the database,
 * indexed by username. A session is named to the page by a hash of its id, never the id,
 * which is the cookie's secret.
 */
@Component
public class SignedInSessions {

	private static final String USER_AGENT = SignedInSessions.class.getName() + ".USER_AGENT";

	private static final String ADDRESS = SignedInSessions.class.getName() + ".ADDRESS";

	private static final int MAX_USER_AGENT = 300;

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final Clock clock;

	SignedInSessions(FindByIndexNameSessionRepository<? extends Session> sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	/** Notes on the session just signed in where it came from, for the sessions page. */
	public static void signedIn(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		request.getSession().setAttribute(USER_AGENT,
				(agent != null && agent.length() > MAX_USER_AGENT) ? agent.substring(0, MAX_USER_AGENT) : agent);
		request.getSession().setAttribute(ADDRESS, request.getRemoteAddr());
	}

	/** The user's sessions, the most recently active first. */
	List<SessionRow> list(String username, @Nullable String currentSessionId) {
		var now = this.clock.instant();
		return this.sessions.findByPrincipalName(username)
			.values()
			.stream()
			.sorted(Comparator.comparing(Session::getLastAccessedTime).reversed())
			.map((session) -> new SessionRow(handle(session.getId()),
					UserAgents.describe(session.getAttribute(USER_AGENT)),
					Objects.requireNonNullElse(session.getAttribute(ADDRESS), "an unknown address"),
					RelativeTime.date(session.getCreationTime()),
					RelativeTime.ago(session.getLastAccessedTime(), now), session.getId().equals(currentSessionId)))
			.toList();
	}

	/**
	 * Ends one of the user's sessions.
	 * @return whether the user had a session by that handle
	 */
	boolean end(String username, String handle) {
		return this.sessions.findByPrincipalName(username)
			.keySet()
			.stream()
			.filter((id) -> handle(id).equals(handle))
			.findFirst()
			.map((id) -> {
				this.sessions.deleteById(id);
				return true;
			})
			.orElse(false);
	}

	/** Ends every session of the user, on every node: for an account suspended. */
	public void endAll(String username) {
		endAllBut(username, null);
	}

	/**
	 * Ends every session of the user but one.
	 * @return how many were ended
	 */
	int endAllBut(String username, @Nullable String keep) {
		Map<String, ? extends Session> found = this.sessions.findByPrincipalName(username);
		int ended = 0;
		for (String id : found.keySet()) {
			if (!id.equals(keep)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

	private static String handle(String sessionId) {
		return TokenSecret.sha256Hex(sessionId).substring(0, 32);
	}

	/**
	 * A session as the sessions page shows it.
	 *
	 * @param handle what names it in the page's forms, not its id
	 * @param browser the browser and system, from its user agent
	 * @param address the address it signed in from
	 * @param signedIn when it signed in
	 * @param lastActive when it was last used, relative to now
	 * @param current whether it is the session looking at the page
	 */
	record SessionRow(String handle, String browser, String address, String signedIn, String lastActive,
			boolean current) {
	}

}
