package dev.latchkey.server.token.sanctioned;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenCeiling;
import dev.latchkey.server.token.TokenJson;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.web.NoStore;

/**
 * Tokens other users sanctioned for the caller: list them, accept one (its value is in that
 * answer alone), revoke or decline one. Not with a token limited to resources.
 */
@RestController
@RequestMapping("/api/v1/user/sanctioned-tokens")
class HeldTokensController {

	private final SanctionedTokens sanctioned;

	private final AccountStore accounts;

	private final Clock clock;

	HeldTokensController(SanctionedTokens sanctioned, AccountStore accounts, Clock clock) {
		this.sanctioned = sanctioned;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping
	@RequiredScopes({ ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE })
	List<TokenJson> list(@AuthenticationPrincipal ActiveToken caller) {
		if (TokenCeiling.of(caller).limitsResources()) {
			return List.of();
		}
		return this.sanctioned.heldBy(caller.requireAccountId()).stream().map((token) -> json(token, null)).toList();
	}

	@PostMapping("/{id}/accept")
	@RequiredScopes(ScopeCatalogue.TOKENS_WRITE)
	ResponseEntity<TokenJson> accept(@AuthenticationPrincipal ActiveToken caller, @PathVariable long id) {
		refuseLimited(caller);
		IssuedToken accepted = this.sanctioned.accept(caller.requireAccountId(), id);
		return NoStore.on(ResponseEntity.ok())
			.body(json(accepted.metadata(), accepted.secret().reveal()));
	}

	@DeleteMapping("/{id}")
	@RequiredScopes(ScopeCatalogue.TOKENS_WRITE)
	ResponseEntity<Void> revoke(@AuthenticationPrincipal ActiveToken caller, @PathVariable long id) {
		refuseLimited(caller);
		this.sanctioned.revoke(caller.requireAccountId(), id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A token limited to some of the caller's resources stands for a part of their own data;
	 * tokens sanctioned for them act on other users' data, beyond any such limit.
	 */
	private static void refuseLimited(ActiveToken caller) {
		if (TokenCeiling.of(caller).limitsResources()) {
			throw new AccessDeniedException("A token limited to resources can't accept or decline tokens sanctioned for you.");
		}
	}

	private TokenJson json(TokenMetadata token, @Nullable String secret) {
		String owner = this.accounts.findById(token.accountId()).map(Account::username).orElse("");
		return TokenJson.held(token, secret, owner, this.clock.instant());
	}

}
