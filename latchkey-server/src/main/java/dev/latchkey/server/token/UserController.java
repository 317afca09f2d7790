package dev.latchkey.server.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenNotFoundException;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * {@code GET /api/v1/user}: the user a token acts for, as GitHub's {@code GET /user}.
 */
@RestController
class UserController {

	private final AccountStore accounts;

	UserController(AccountStore accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/v1/user")
	@RequiredScopes(ScopeCatalogue.USER)
	UserJson user(@AuthenticationPrincipal ActiveToken caller) {
		Account account = this.accounts.findById(caller.requireAccountId()).orElseThrow(TokenNotFoundException::new);
		return new UserJson(account.id(), account.username(), account.email(), account.admin(), account.createdAt());
	}

	/**
	 * A user as the API shows them.
	 *
	 * @param id the account id
	 * @param username the username
	 * @param email the email address
	 * @param admin whether the user is an admin
	 * @param createdAt when the account was made
	 */
	record UserJson(long id, String username, @Nullable String email, boolean admin, Instant createdAt) {
	}

}
