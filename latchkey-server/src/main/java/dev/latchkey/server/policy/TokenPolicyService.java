package dev.latchkey.server.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * Changes the token policy: a policy that contradicts itself or names what doesn't exist is
 * refused whole; an accepted one is saved with its security log entry in one transaction.
 */
@Service
public class TokenPolicyService {

	static final int MAX_LIFETIME_DAYS = 3653;

	static final int MAX_TOKENS = 10_000;

	private final TokenPolicyStore store;

	private final ScopeCatalogue scopes;

	private final AuditLog audit;

	private final TransactionOperations transaction;

	private final ApplicationEventPublisher events;

	TokenPolicyService(TokenPolicyStore store, ScopeCatalogue scopes, AuditLog audit,
			TransactionOperations transaction, ApplicationEventPublisher events) {
		this.events = events;
		this.store = store;
		this.scopes = scopes;
		this.audit = audit;
		this.transaction = transaction;
	}

	public TokenPolicy current() {
		return this.store.current();
	}

	/** @throws InvalidInputException naming each field that breaks a rule */
	public void update(TokenPolicy policy) {
		List<FieldProblem> problems = new ArrayList<>();
		Integer lifetime = policy.maxLifetimeDays();
		if (lifetime != null && (lifetime < 1 || lifetime > MAX_LIFETIME_DAYS)) {
			problems.add(new FieldProblem("max_lifetime_days", "out_of_range",
					"The maximum lifetime must be between 1 and " + MAX_LIFETIME_DAYS + " days."));
		}
		if (lifetime != null && !policy.expirationRequired()) {
			problems.add(new FieldProblem("expiration_required", "contradiction",
					"A maximum lifetime rules out tokens without an expiration: require an expiration too."));
		}
		Integer sanctionedLifetime = policy.maxSanctionedLifetimeDays();
		if (sanctionedLifetime != null && (sanctionedLifetime < 1 || sanctionedLifetime > MAX_LIFETIME_DAYS)) {
			problems.add(new FieldProblem("max_sanctioned_lifetime_days", "out_of_range",
					"The maximum lifetime of sanctioned tokens must be between 1 and " + MAX_LIFETIME_DAYS + " days."));
		}
		Integer unused = policy.revokeUnusedAfterDays();
		if (unused != null && (unused < 1 || unused > MAX_LIFETIME_DAYS)) {
			problems.add(new FieldProblem("revoke_unused_after_days", "out_of_range",
					"Unused tokens can be revoked after 1 to " + MAX_LIFETIME_DAYS + " days."));
		}
		Integer count = policy.maxTokensPerUser();
		if (count != null && (count < 1 || count > MAX_TOKENS)) {
			problems.add(new FieldProblem("max_tokens_per_user", "out_of_range",
					"The number of tokens per user must be between 1 and " + MAX_TOKENS + "."));
		}
		List<String> allowed = policy.allowedScopes();
		if (allowed != null && allowed.isEmpty()) {
			problems.add(new FieldProblem("allowed_scopes", "contradiction",
					"With no scope allowed no token can be made; allow some, or limit tokens to admins."));
		}
		if (allowed != null) {
			allowed.stream()
				.filter((scope) -> !this.scopes.isKnown(scope))
				.findFirst()
				.ifPresent((scope) -> problems.add(new FieldProblem("allowed_scopes", "unknown",
						"There is no scope named \"" + ((scope.length() > 50) ? scope.substring(0, 50) : scope) + "\".")));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		TokenPolicy accepted = new TokenPolicy(lifetime, policy.expirationRequired(),
				(allowed != null) ? this.scopes.inOrder(new LinkedHashSet<>(allowed)) : null, policy.adminsOnly(), count,
				sanctionedLifetime, unused);
		this.transaction.executeWithoutResult((status) -> {
			this.store.save(accepted);
			this.audit.record(SecurityAction.POLICY_CHANGED, null, null, describe(accepted));
		});
		// The tokens it rules out stop working now; their owners are told.
		this.events.publishEvent(new TokenPolicyChanged(accepted));
	}

	private static Map<String, String> describe(TokenPolicy policy) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("max_lifetime_days", String.valueOf(policy.maxLifetimeDays()));
		details.put("expiration_required", String.valueOf(policy.expirationRequired()));
		details.put("allowed_scopes", (policy.allowedScopes() != null) ? String.join(" ", policy.allowedScopes()) : "all");
		details.put("admins_only", String.valueOf(policy.adminsOnly()));
		details.put("max_tokens_per_user", String.valueOf(policy.maxTokensPerUser()));
		details.put("max_sanctioned_lifetime_days", String.valueOf(policy.maxSanctionedLifetimeDays()));
		details.put("revoke_unused_after_days", String.valueOf(policy.revokeUnusedAfterDays()));
		return details;
	}

}
