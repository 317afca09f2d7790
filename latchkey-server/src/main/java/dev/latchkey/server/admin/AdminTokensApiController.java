package dev.latchkey.server.admin;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.policy.GovernedTokenJson;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.token.TokenService;

/**
 * {@code GET /api/v1/admin/tokens?q=}: every user's tokens whose name or owner contains
 * {@code q}, newest first, never their values. Revoke one with
 * {@code DELETE /api/v1/admin/users/{owner}/tokens/{id}}.
 */
@RestController
class AdminTokensApiController {

	static final int MAX_PER_PAGE = 100;

	private final TokenService tokens;

	AdminTokensApiController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/api/v1/admin/tokens")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	List<OwnedTokenJson> search(@RequestParam(defaultValue = "") String q,
			@RequestParam(name = "per_page", defaultValue = "30") int perPage) {
		int limit = Math.max(1, Math.min(perPage, MAX_PER_PAGE));
		return this.tokens.search(q, limit)
			.stream()
			.map((owned) -> new OwnedTokenJson(owned.owner(), GovernedTokenJson.of(owned.token())))
			.toList();
	}

	/**
	 * A token with its owner.
	 *
	 * @param owner the owner's username
	 * @param token the token, never its value
	 */
	record OwnedTokenJson(String owner, GovernedTokenJson token) {
	}

}
