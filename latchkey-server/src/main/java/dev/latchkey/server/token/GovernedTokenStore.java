package dev.latchkey.server.token;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.policy.GovernedToken;
import dev.latchkey.server.policy.GovernedTokens;

/** The stored tokens as the policy's enforcement reads and revokes them. */
@Component
class GovernedTokenStore implements GovernedTokens {

	private final PersonalAccessTokenStore store;

	private final TokenService tokens;

	GovernedTokenStore(PersonalAccessTokenStore store, TokenService tokens) {
		this.store = store;
		this.tokens = tokens;
	}

	@Override
	public void forEachWhile(Predicate<GovernedToken> action) {
		this.store.forEachWhile(action::test);
	}

	@Override
	public List<TokenMetadata> unusedSince(Instant cutoff, int limit) {
		return this.store.findIdleSince(cutoff, limit);
	}

	@Override
	public boolean revokeUnused(GovernedToken token) {
		try {
			this.tokens.revoke(this.tokens.get(token.accountId(), token.id()), SecurityAction.TOKEN_AUTO_REVOKED);
			return true;
		}
		catch (TokenNotFoundException ex) {
			return false;
		}
	}

}
