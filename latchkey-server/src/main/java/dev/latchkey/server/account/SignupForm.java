package dev.latchkey.server.account;

import org.jspecify.annotations.Nullable;

/**
 * What a person types to sign up.
 *
 * @param username letters, digits and single inner hyphens, at most 39 characters
 * @param email where Latchkey sends notices
 * @param password at least 12 characters
 */
public record SignupForm(@Nullable String username, @Nullable String email, @Nullable String password) {

	@Override
	public String toString() {
		return "SignupForm[username=" + this.username + "]";
	}

}
