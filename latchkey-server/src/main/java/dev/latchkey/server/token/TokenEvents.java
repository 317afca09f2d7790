package dev.latchkey.server.token;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;

/**
 * A token's changes as the security log shows them: its name and, when an app made it, the
 * app; never its secret. Called inside the change's transaction, so both are written or
 * neither.
 */
@Component
public class TokenEvents {

	private final AuditLog audit;

	TokenEvents(AuditLog audit) {
		this.audit = audit;
	}

	public void record(SecurityAction action, TokenMetadata token) {
		Map<String, String> details = (token.createdBy() != null)
				? Map.of("name", token.name(), "app", token.createdBy().clientId()) : Map.of("name", token.name());
		this.audit.record(action, token.accountId(), token.id(), details);
	}

	/** A sanctioned token's event goes in both the owner's and the delegate's security log. */
	public void recordSanctioned(SecurityAction action, TokenMetadata token) {
		Delegation delegate = Objects.requireNonNull(token.delegation());
		Map<String, String> details = Map.of("name", token.name(), "delegate", delegate.username());
		Origin origin = Origin.current();
		this.audit.recordAll(List.of(new AuditLog.Entry(action, token.accountId(), token.id(), details, origin),
				new AuditLog.Entry(action, delegate.accountId(), token.id(), details, origin)));
	}

}
