package dev.latchkey.client;

import java.util.Optional;

/**
 * The kind of a Latchkey token, carried as one letter after the instance prefix
 * ({@code lkp_…}), so that a secret scanner and a server can tell tokens apart offline.
 */
public enum TokenKind {

	/** A personal access token a user issued for themself. */
	PERSONAL('p'),
	/** An OAuth 2 access token (RFC 6749 section 1.4). */
	OAUTH_ACCESS('o'),
	/** An OAuth 2 refresh token (RFC 6749 section 1.5). */
	OAUTH_REFRESH('r'),
	/** An OAuth 2 client secret (RFC 6749 section 2.3.1). */
	CLIENT_SECRET('c');

	private final char letter;

	TokenKind(char letter) {
		this.letter = letter;
	}

	/** The letter that marks this kind inside a token. */
	public char letter() {
		return this.letter;
	}

	/** The kind a letter stands for, if any. */
	public static Optional<TokenKind> ofLetter(char letter) {
		for (TokenKind kind : values()) {
			if (kind.letter == letter) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
