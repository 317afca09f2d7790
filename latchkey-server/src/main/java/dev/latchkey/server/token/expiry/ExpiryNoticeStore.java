package dev.latchkey.server.token.expiry;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.token.TokenRegenerated;

/**
 * Which expiry mails each token's owner has had, so each goes out once, whichever node
 * sends it.
 */
@Repository
class ExpiryNoticeStore {

	private final JdbcClient jdbc;

	ExpiryNoticeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Notes the notice as sent; false if it already was (by this node or another). */
	boolean mark(long tokenId, String notice, Instant at) {
		try {
			return this.jdbc.sql("INSERT INTO token_expiry_notices (token_id, notice, sent_at) VALUES (?, ?, ?)")
				.params(tokenId, notice, SqlValues.utc(at))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Forgets a token's notices: it has a new expiry. In the regeneration's transaction. */
	@EventListener
	void clear(TokenRegenerated regenerated) {
		clear(regenerated.tokenId());
	}

	void clear(long tokenId) {
		this.jdbc.sql("DELETE FROM token_expiry_notices WHERE token_id = ?").param(tokenId).update();
	}

}
