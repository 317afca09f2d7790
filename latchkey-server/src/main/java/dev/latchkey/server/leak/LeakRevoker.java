package dev.latchkey.server.leak;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.mail.Mail;
import dev.latchkey.server.mail.MailProperties;
import dev.latchkey.server.mail.Outbox;
import dev.latchkey.server.oauth.OAuthAppService;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenService;

/**
 * Revokes reported credentials. Each one is revoked, logged and its owner's mail queued in
 * one transaction; strings that are not Latchkey tokens, or tokens that don't exist, are
 * passed over without a trace in the answer, so a report can't be used to probe for tokens.
 */
@Service
class LeakRevoker {

	static final int MAX_CREDENTIALS = 1000;

	private static final Logger log = LoggerFactory.getLogger(LeakRevoker.class);

	private final TokenFormat format;

	private final TokenService tokens;

	private final OAuth2AuthorizationService authorizations;

	private final OAuthAppService apps;

	private final AccountStore accounts;

	private final AuditLog audit;

	private final Outbox outbox;

	private final MailProperties mail;

	private final TransactionOperations transaction;

	LeakRevoker(TokenFormat format, TokenService tokens,
			OAuth2AuthorizationService authorizations, OAuthAppService apps, AccountStore accounts, AuditLog audit,
			Outbox outbox, MailProperties mail, TransactionOperations transaction) {
		this.apps = apps;
		this.format = format;
		this.tokens = tokens;
		this.authorizations = authorizations;
		this.accounts = accounts;
		this.audit = audit;
		this.outbox = outbox;
		this.mail = mail;
		this.transaction = transaction;
	}

	/**
	 * Revokes every Latchkey token among the credentials.
	 * @return how many were revoked, for the log and tests; never for the reporter
	 * @throws InvalidInputException if the report is empty or too long
	 */
	int revoke(List<String> credentials) {
		if (credentials.isEmpty()) {
			throw new InvalidInputException("credentials", "missing", "List at least one credential.");
		}
		if (credentials.size() > MAX_CREDENTIALS) {
			throw new InvalidInputException("credentials", "too_many",
					"Report at most " + MAX_CREDENTIALS + " credentials at once.");
		}
		Set<TokenSecret> reported = new LinkedHashSet<>();
		for (String credential : credentials) {
			if (credential != null) {
				TokenSecret.parse(this.format, credential.strip()).ifPresent(reported::add);
			}
		}
		int revoked = 0;
		for (TokenSecret secret : reported) {
			if (secret.kind() == TokenKind.PERSONAL) {
				revoked += revokePersonal(secret) ? 1 : 0;
			}
			else if (secret.kind() == TokenKind.OAUTH_ACCESS || secret.kind() == TokenKind.OAUTH_REFRESH) {
				revoked += revokeGrant(secret) ? 1 : 0;
			}
			else if (secret.kind() == TokenKind.CLIENT_SECRET) {
				revoked += revokeClientSecret(secret) ? 1 : 0;
			}
		}
		if (revoked > 0) {
			log.info("Revoked {} reported credentials", revoked);
		}
		return revoked;
	}

	private boolean revokePersonal(TokenSecret secret) {
		Optional<TokenMetadata> found = this.tokens.findByHash(secret.sha256());
		if (found.isEmpty()) {
			return false;
		}
		TokenMetadata token = found.get();
		try {
			this.transaction.executeWithoutResult((status) -> {
				this.tokens.revoke(token, SecurityAction.TOKEN_REPORTED_LEAKED);
				mailOwner(token.accountId(), "Your personal access token \"" + token.name() + "\" was revoked", """
						Your personal access token "%s" (%s) was reported as found in public, so we revoked it.
						Anything that used it has stopped working.

						If you still need it, generate a new token, keep it out of code and logs, and update
						whatever used the old one:
						%s

						You can see what happened in your security log:
						%s
						""".formatted(token.name(), token.redacted(), this.mail.link("/settings/tokens/new"),
						this.mail.link("/settings/security-log")));
			});
			return true;
		}
		catch (TokenNotFoundException ex) {
			// Revoked by someone else in the meantime: nothing left to do.
			return false;
		}
	}

	private boolean revokeGrant(TokenSecret secret) {
		OAuth2Authorization grant = this.authorizations.findByToken(secret.reveal(), null);
		if (grant == null) {
			return false;
		}
		Optional<Account> owner = this.accounts.findByUsername(grant.getPrincipalName());
		this.transaction.executeWithoutResult((status) -> {
			this.authorizations.remove(grant);
			this.audit.record(SecurityAction.OAUTH_TOKEN_REPORTED_LEAKED, owner.map(Account::id).orElse(null), null,
					Map.of("client_id", grant.getRegisteredClientId()));
			owner.ifPresent((account) -> mailOwner(account.id(), "An OAuth App's access to your account was revoked",
					"""
							A token that an OAuth App (client id %s) holds for your account was reported as found
							in public, so we revoked the app's access. The app has to ask you again.

							Your authorized apps: %s
							""".formatted(grant.getRegisteredClientId(), this.mail.link("/settings/applications"))));
		});
		return true;
	}

	private boolean revokeClientSecret(TokenSecret secret) {
		Boolean revoked = this.transaction.execute((status) -> this.apps.revokeSecretByHash(secret.sha256())
			.map((app) -> {
				this.audit.record(SecurityAction.CLIENT_SECRET_REPORTED_LEAKED, app.ownerAccountId(), null,
						Map.of("client_id", app.clientId(), "app", app.name()));
				mailOwner(app.ownerAccountId(), "A client secret of your OAuth App \"" + app.name() + "\" was deleted",
						"""
								A client secret of your OAuth App "%s" (client id %s, secret ending %s) was reported as
								found in public, so we deleted it. Requests authenticated with it now fail.

								Generate a new client secret and put it where the old one was used:
								%s
								""".formatted(app.name(), app.clientId(), secret.lastFour(),
								this.mail.link("/settings/developers/" + app.id())));
				return true;
			})
			.orElse(false));
		return Boolean.TRUE.equals(revoked);
	}

	private void mailOwner(@Nullable Long accountId, String subject, String body) {
		if (accountId != null) {
			this.outbox.queueTo(accountId, (address) -> new Mail(address, subject, body));
		}
	}

}
