package dev.latchkey.server.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;

/**
 * The token policy beyond the moment a token is made: the tokens a new policy rules out (the
 * token check refuses them from then on) are listed for admins and their owners are mailed;
 * tokens unused for the policy's number of days are revoked, as GitHub does after a year.
 */
@Component
public class PolicyEnforcement {

	private static final Logger log = LoggerFactory.getLogger(PolicyEnforcement.class);

	private static final int BATCH = 500;

	private final GovernedTokens tokens;

	private final TokenPolicyStore policies;

	private final AccountStore accounts;

	private final Outbox outbox;

	private final MailProperties links;

	private final Clock clock;

	/** A policy saved on this node whose stopped tokens' owners haven't been told yet. */
	private final AtomicReference<TokenPolicy> changed = new AtomicReference<>();

	PolicyEnforcement(GovernedTokens tokens, TokenPolicyStore policies, AccountStore accounts, Outbox outbox,
			MailProperties links, Clock clock) {
		this.tokens = tokens;
		this.policies = policies;
		this.accounts = accounts;
		this.outbox = outbox;
		this.links = links;
		this.clock = clock;
	}

	/** The tokens the policy in force rules out, by owner, at most {@code limit} of them. */
	public List<Violation> violations(int limit) {
		return violations(this.policies.current(), limit);
	}

	/**
	 * Notes a new policy for {@link #tellOwners}: its check of every token takes seconds at a
	 * million tokens, which the admin's request shouldn't wait for. The policy itself applies at
	 * once; the token check reads it from memory.
	 */
	@EventListener
	void onPolicyChanged(TokenPolicyChanged changed) {
		this.changed.set(changed.policy());
	}

	/**
	 * Tells each owner which of their tokens the newest policy stopped, if one was saved on this
	 * node since the last run. The table is read in owner order and each owner is told when their
	 * tokens have been read, so memory holds one owner's list, however many tokens there are.
	 * @return how many owners were told
	 */
	@Scheduled(fixedDelayString = "${latchkey.policy.notify-delay:1s}")
	public int tellOwners() {
		TokenPolicy policy = this.changed.getAndSet(null);
		if (policy == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		OwnerStops stops = new OwnerStops();
		this.tokens.forEachWhile((token) -> {
			if (stops.owner != null && stops.owner != token.accountId()) {
				tell(stops);
			}
			breach(policy, token, now).ifPresent(stops::add);
			return true;
		});
		if (stops.owner != null) {
			tell(stops);
		}
		if (stops.told > 0) {
			log.info("New token policy rules out tokens of {} users; they were told", stops.told);
		}
		return stops.told;
	}

	private void tell(OwnerStops stops) {
		if (!stops.listed.isEmpty()) {
			String more = (stops.unlisted > 0) ? "- and " + stops.unlisted + " more\n" : "";
			String body = """
					Your admins changed the token policy. These tokens stopped working:

					%s%s
					Make new tokens within the policy at %s
					""".formatted(list(stops.listed), more, this.links.link("/settings/tokens"));
			this.outbox.queueTo(stops.owner, (address) -> new Mail(address,
					"Some of your tokens no longer meet your admins' token policy", body));
			stops.told++;
		}
		stops.owner = null;
		stops.listed = new ArrayList<>();
		stops.unlisted = 0;
	}

	/** One owner's stopped tokens while the table is read; the mail lists the first {@value #LISTED}. */
	private static final class OwnerStops {

		private static final int LISTED = 50;

		Long owner;

		List<Violation> listed = new ArrayList<>();

		int unlisted;

		int told;

		void add(Violation violation) {
			this.owner = violation.token().accountId();
			if (this.listed.size() < LISTED) {
				this.listed.add(violation);
			}
			else {
				this.unlisted++;
			}
		}

	}

	/** Revokes tokens unused for longer than the policy allows, and tells their owners. */
	@Scheduled(fixedDelayString = "${latchkey.policy.check-interval:1h}")
	public int revokeUnused() {
		Integer days = this.policies.current().revokeUnusedAfterDays();
		if (days == null) {
			return 0;
		}
		Instant cutoff = this.clock.instant().minus(Duration.ofDays(days));
		int revoked = 0;
		List<? extends GovernedToken> idle;
		do {
			idle = this.tokens.unusedSince(cutoff, BATCH);
			for (GovernedToken token : idle) {
				if (!this.tokens.revokeUnused(token)) {
					// Revoked meanwhile by its owner or another node: nothing left to do.
					continue;
				}
				revoked++;
				this.outbox.queueTo(token.accountId(), (address) -> new Mail(address,
						"Your token \"" + token.name() + "\" was revoked after " + days + " days unused", """
								Your token "%s" (%s) wasn't used for %d days, so it was revoked as your admins' token
								policy asks. If you still need it, make a new one at %s
								""".formatted(token.name(), token.redacted(), days, this.links.link("/settings/tokens"))));
			}
		}
		while (idle.size() == BATCH);
		return revoked;
	}

	private List<Violation> violations(TokenPolicy policy, int limit) {
		Instant now = this.clock.instant();
		List<Violation> found = new ArrayList<>();
		this.tokens.forEachWhile((token) -> {
			breach(policy, token, now).ifPresent(found::add);
			// Stop reading the table once the page is full.
			return found.size() < limit;
		});
		return found;
	}

	private Optional<Violation> breach(TokenPolicy policy, GovernedToken token, Instant now) {
		if (token.isExpired(now)) {
			return Optional.empty();
		}
		// AccountStore caches accounts by id, so a scan costs one query per owner, not per token.
		Optional<Account> owner = this.accounts.findById(token.accountId());
		boolean admin = owner.map(Account::admin).orElse(false);
		return policy.breach(token.scopes(), token.expiresAt(), admin, token.sanctioned(), now)
			.map((reason) -> new Violation(token, owner.map(Account::username).orElse("?"), reason));
	}

	private static String list(List<Violation> stopped) {
		StringBuilder text = new StringBuilder();
		stopped.forEach((violation) -> text.append("- \"")
			.append(violation.token().name())
			.append("\" (")
			.append(violation.token().redacted())
			.append("): ")
			.append(violation.reason())
			.append('\n'));
		return text.toString();
	}

	/**
	 * A token the policy rules out.
	 *
	 * @param token the token
	 * @param owner its owner's username
	 * @param reason which rule it breaks
	 */
	public record Violation(GovernedToken token, String owner, String reason) {
	}

}
