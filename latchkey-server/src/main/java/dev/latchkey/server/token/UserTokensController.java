package dev.latchkey.server.token;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.web.NoStore;

/**
 * The caller's personal access tokens. A token may manage its owner's tokens with
 * {@code tokens:write}, but never hand on more than it has itself, and a token limited to
 * resources sees and changes only tokens limited within its limits.
 */
@RestController
@RequestMapping("/api/v1/user/tokens")
class UserTokensController {

	/** Without a body, a regenerated token lives 30 days, the default of the page. */
	private static final Expiration DEFAULT_EXPIRATION = new Expiration.InDays(30);

	private final TokenService tokens;

	private final Sanctions sanctions;

	private final Clock clock;

	UserTokensController(TokenService tokens, Sanctions sanctions, Clock clock) {
		this.tokens = tokens;
		this.sanctions = sanctions;
		this.clock = clock;
	}

	@GetMapping
	@RequiredScopes({ ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE })
	List<TokenJson> list(@AuthenticationPrincipal ActiveToken caller) {
		return this.tokens.list(caller.requireAccountId(), TokenCeiling.of(caller))
			.stream()
			.map((token) -> TokenJson.of(token, this.clock.instant()))
			.toList();
	}

	@PostMapping
	@RequiredScopes(ScopeCatalogue.TOKENS_WRITE)
	ResponseEntity<TokenJson> create(@AuthenticationPrincipal ActiveToken caller,
			@RequestBody CreateTokenJson body) {
		TokenService.Owner owner = new TokenService.Owner(caller.requireAccountId(), caller.admin());
		if (body.sanctionFor() != null) {
			TokenMetadata token = this.sanctions.sanction(owner, body.toRequest(), body.sanctionFor(), TokenCeiling.of(caller));
			// No value: only the delegate sees it, when they accept.
			return ResponseEntity.status(HttpStatus.CREATED)
				.header("Location", "/api/v1/user/tokens/" + token.id())
				.body(TokenJson.of(token, this.clock.instant()));
		}
		var issued = this.tokens.create(owner, body.toRequest(), TokenCeiling.of(caller));
		return NoStore.on(ResponseEntity.status(HttpStatus.CREATED))
			.header("Location", "/api/v1/user/tokens/" + issued.metadata().id())
			.body(TokenJson.of(issued, this.clock.instant()));
	}

	@GetMapping("/{id}")
	@RequiredScopes({ ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE })
	TokenJson get(@AuthenticationPrincipal ActiveToken caller, @PathVariable long id) {
		return TokenJson.of(this.tokens.get(caller.requireAccountId(), id, TokenCeiling.of(caller)), this.clock.instant());
	}

	@DeleteMapping("/{id}")
	@RequiredScopes(ScopeCatalogue.TOKENS_WRITE)
	ResponseEntity<Void> revoke(@AuthenticationPrincipal ActiveToken caller,
			@PathVariable long id) {
		this.tokens.revoke(caller.requireAccountId(), id, TokenCeiling.of(caller));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/regenerate")
	@RequiredScopes(ScopeCatalogue.TOKENS_WRITE)
	ResponseEntity<TokenJson> regenerate(@AuthenticationPrincipal ActiveToken caller,
			@PathVariable long id, @RequestBody(required = false) @Nullable RegenerateTokenJson body) {
		Expiration expiration = (body != null) ? ExpirationJson.read(body.expiresAt(), body.expiresInDays())
				: DEFAULT_EXPIRATION;
		var issued = this.tokens.regenerate(caller.requireAccountId(), id, expiration, TokenCeiling.of(caller));
		return NoStore.on(ResponseEntity.ok()).body(TokenJson.of(issued, this.clock.instant()));
	}

}
