package dev.latchkey.client.servlet;

import java.security.Principal;
import java.util.Set;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenInfo;

/**
 * Who a request acts for, as its token says: the application reads it with
 * {@link #of(ServletRequest)} or {@code request.getUserPrincipal()}.
 *
 * @param token what introspection said about the request's token
 */
public record LatchkeyPrincipal(TokenInfo token) implements Principal {

	/** The request attribute the filter puts the principal in. */
	public static final String ATTRIBUTE = LatchkeyPrincipal.class.getName();

	/** The principal of an authenticated request, or {@code null} for an anonymous one. */
	public static @Nullable LatchkeyPrincipal of(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof LatchkeyPrincipal principal) ? principal : null;
	}

	/** The subject: the username, or the app's client id when an app acts as itself. */
	@Override
	public String getName() {
		return String.valueOf(this.token.subject());
	}

	/** The user the token acts for; absent when an app acts as itself. */
	public @Nullable String username() {
		return this.token.username();
	}

	/** For a sanctioned token, the user who holds it and acts on {@link #username()}'s data. */
	public @Nullable String actor() {
		return this.token.actor();
	}

	public Set<String> scopes() {
		return this.token.scopes();
	}

	public boolean hasScope(String scope) {
		return this.token.hasScope(scope);
	}

	/** {@code personal} or {@code oauth}. */
	public @Nullable String kind() {
		return this.token.kind();
	}

}
