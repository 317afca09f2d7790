package dev.latchkey.server.federation;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.latchkey.server.web.LocalPath;
import dev.latchkey.server.web.SignedInUser;

/**
 * Confirm access (sudo mode) for someone who signs in through a provider and has no password:
 * back to the provider, which is asked to make them sign in again ({@code prompt=login},
 * {@code max_age=0}), and sudo mode only if the same linked account there comes back.
 */
@Controller
class SudoThroughProvider {

	/** The session's note that its owner went to a provider to confirm access. */
	static final String CONFIRMING = SudoThroughProvider.class.getName() + ".confirming";

	private final LinkedIdentities identities;

	SudoThroughProvider(LinkedIdentities identities) {
		this.identities = identities;
	}

	/**
	 * A confirmation on its way.
	 *
	 * @param accountId whose
	 * @param providerId at which provider
	 * @param continuePath where to go once confirmed
	 */
	record Confirming(long accountId, String providerId, String continuePath) implements Serializable {
	}

	@PostMapping("/sudo/identities/{providerId}")
	String confirm(@PathVariable String providerId, @AuthenticationPrincipal SignedInUser user,
			@RequestParam(name = "continue", required = false) @Nullable String continuePath,
			HttpServletRequest request) {
		String target = LocalPath.orElse(continuePath, "/settings/tokens");
		boolean linked = this.identities.ofAccount(user.accountId())
			.stream()
			.anyMatch((identity) -> identity.providerId().equals(providerId));
		if (!linked) {
			return "redirect:" + UriComponentsBuilder.fromPath("/sudo").queryParam("continue", target).encode().toUriString();
		}
		request.getSession().setAttribute(CONFIRMING, new Confirming(user.accountId(), providerId, target));
		return "redirect:/oauth2/authorization/" + providerId;
	}

	/** The confirmation the current request's session is waiting for, if any. */
	static @Nullable Confirming current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpSession session = attributes.getRequest().getSession(false);
			if (session != null && session.getAttribute(CONFIRMING) instanceof Confirming confirming) {
				return confirming;
			}
		}
		return null;
	}

}
