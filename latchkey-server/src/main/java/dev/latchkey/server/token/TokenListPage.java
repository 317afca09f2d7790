package dev.latchkey.server.token;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Personal access tokens, the list: the answer of every action that shows
 * something once above it (a new token, a new calendar address).
 */
@Component
public class TokenListPage {

	private final TokenService tokens;

	private final PersonalAccessTokenStore store;

	private final Clock clock;

	TokenListPage(TokenService tokens, PersonalAccessTokenStore store, Clock clock) {
		this.tokens = tokens;
		this.store = store;
		this.clock = clock;
	}

	/** Fills the model and names the view. */
	public String render(SignedInUser user, Model model) {
		model.addAttribute("tokens",
				this.tokens.list(user.accountId()).stream().map((t) -> TokenRow.of(t, this.clock.instant())).toList());
		model.addAttribute("waitingForYou", this.store.countWaitingFor(user.accountId()));
		return "token/list";
	}

}
