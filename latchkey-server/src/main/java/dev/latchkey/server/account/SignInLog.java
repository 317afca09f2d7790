package dev.latchkey.server.account;

import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;

/**
 * Puts failed password sign-ins in the security log ({@link SignIns} logs the good ones, once
 * complete). Only password sign-ins: tokens and OAuth clients authenticate in other ways and
 * are logged where they act.
 */
@Component
class SignInLog {

	/** The actor of a failed sign-in with a username that doesn't exist. */
	static final String UNKNOWN_USER = "(unknown user)";

	private final AuditLog audit;

	private final AccountStore accounts;

	SignInLog(AuditLog audit, AccountStore accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt)) {
			return;
		}
		// What was typed is logged only when it names an account: a password typed into the
		// username field must not end up in the log.
		this.accounts.findByUsername(attempt.getName())
			.ifPresentOrElse(
					(account) -> this.audit.record(SecurityAction.SIGN_IN_FAILED, account.id(), null, Map.of(),
							Origin.currentAs(account.username())),
					() -> this.audit.record(SecurityAction.SIGN_IN_FAILED, null, null, Map.of(),
							Origin.currentAs(UNKNOWN_USER)));
	}

}
