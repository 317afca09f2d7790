package dev.latchkey.server.check;

import java.util.List;
import java.util.Optional;

import dev.latchkey.client.TokenKind;

/**
 * Where the hot path finds access tokens of one kind, and where it records their use.
 * Personal access tokens and OAuth access tokens each have one.
 */
public interface ActiveTokenSource {

	/** The kind of token this source holds. */
	TokenKind kind();

	/** The live token with this SHA-256, through a unique index. */
	Optional<ActiveToken> findActiveByHash(String hash);

	/** Writes "last used" times in one batch; a time never moves backwards. */
	void recordLastUse(List<LastUse> uses);

}
