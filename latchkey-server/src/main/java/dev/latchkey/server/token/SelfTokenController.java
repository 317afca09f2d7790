package dev.latchkey.server.token;

import java.time.Clock;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.web.NoStore;

/**
 * The presenting token itself: any valid token may look at, rotate or revoke itself, with
 * no scope, so a script can always clean up after itself.
 */
@RestController
@RequestMapping("/api/v1/tokens/self")
class SelfTokenController {

	private final TokenService tokens;

	private final Clock clock;

	SelfTokenController(TokenService tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping
	TokenJson get(@AuthenticationPrincipal ActiveToken caller) {
		return TokenJson.of(this.tokens.get(caller.requireAccountId(), caller.personalTokenId()), this.clock.instant());
	}

	@PostMapping("/rotate")
	ResponseEntity<TokenJson> rotate(@AuthenticationPrincipal ActiveToken caller) {
		return NoStore.on(ResponseEntity.ok())
			.body(TokenJson.of(this.tokens.rotate(caller), this.clock.instant()));
	}

	@DeleteMapping
	ResponseEntity<Void> revoke(@AuthenticationPrincipal ActiveToken caller) {
		this.tokens.revoke(caller.requireAccountId(), caller.personalTokenId());
		return ResponseEntity.noContent().build();
	}

}
