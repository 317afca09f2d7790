package dev.latchkey.server.token;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.InvalidInputException;

/**
 * Issuing a token for another user, as the token API offers it ({@code sanction_for}). The
 * sanctioned tokens' feature implements it; the tokens know it only by this.
 */
public interface Sanctions {

	/**
	 * Issues a token for a delegate and tells them. It does nothing until they accept it.
	 * @param delegateUsername who will hold it
	 * @param ceiling the limits of the token that asks, when a token asks; null for a person
	 * @throws InvalidInputException for an unknown delegate, oneself, or a field that breaks a rule
	 */
	TokenMetadata sanction(TokenService.Owner owner, TokenRequest request, @Nullable String delegateUsername,
			@Nullable TokenCeiling ceiling);

}
