package dev.latchkey.server.admin;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.policy.GovernedTokenJson;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenService;

/**
 * The admin API: users, their suspension (as GitHub Enterprise's
 * {@code PUT/DELETE /users/{username}/suspended}) and their tokens. A token needs the
 * {@code admin} scope and its user must still be an admin.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminApiController {

	private static final int MAX_USERS = 100;

	private final AccountStore accounts;

	private final Suspensions suspensions;

	private final AdminRoles roles;

	private final TokenService tokens;

	AdminApiController(AccountStore accounts, Suspensions suspensions, AdminRoles roles, TokenService tokens) {
		this.accounts = accounts;
		this.suspensions = suspensions;
		this.roles = roles;
		this.tokens = tokens;
	}

	@GetMapping
	@RequiredScopes(ScopeCatalogue.ADMIN)
	List<UserJson> users(@RequestParam(defaultValue = "") String q) {
		return this.accounts.search(q, MAX_USERS).stream().map(UserJson::of).toList();
	}

	@GetMapping("/{username}")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	UserJson user(@PathVariable String username) {
		return UserJson.of(find(username));
	}

	@PutMapping("/{username}/suspended")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> suspend(@AuthenticationPrincipal ActiveToken caller, @PathVariable String username) {
		this.suspensions.suspend(username, caller.requireAccountId());
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{username}/admin")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> promote(@AuthenticationPrincipal ActiveToken caller, @PathVariable String username) {
		this.roles.setAdmin(username, true, caller.requireAccountId());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{username}/admin")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> demote(@AuthenticationPrincipal ActiveToken caller, @PathVariable String username) {
		this.roles.setAdmin(username, false, caller.requireAccountId());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{username}/suspended")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> unsuspend(@PathVariable String username) {
		this.suspensions.unsuspend(username);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{username}/tokens")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	List<GovernedTokenJson> tokens(@PathVariable String username) {
		return this.tokens.list(find(username).id()).stream().map(GovernedTokenJson::of).toList();
	}

	@DeleteMapping("/{username}/tokens/{id}")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> revoke(@PathVariable String username,
			@PathVariable long id) {
		this.tokens.revoke(this.tokens.get(find(username).id(), id), SecurityAction.TOKEN_REVOKED);
		return ResponseEntity.noContent().build();
	}

	private Account find(String username) {
		return this.accounts.findByUsername(username).orElseThrow(UserNotFoundException::new);
	}

	/**
	 * A user as admins see them.
	 *
	 * @param id the account id
	 * @param username the username
	 * @param email the email address
	 * @param admin whether they are an admin
	 * @param createdAt when the account was made
	 * @param suspendedAt when it was suspended, if it is
	 */
	record UserJson(long id, String username, @Nullable String email, boolean admin, Instant createdAt,
			@Nullable Instant suspendedAt) {

		static UserJson of(Account account) {
			return new UserJson(account.id(), account.username(), account.email(), account.admin(), account.createdAt(),
					account.suspendedAt());
		}

	}

}
