package dev.latchkey.server.dpop;

import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.client.dpop.ReplayGuard;
import dev.latchkey.server.config.SqlValues;

/**
 * The DPoP proofs already used, by the SHA-256 of their {@code jti}, in the database so that a
 * proof used at one node is refused at every other: a captured request can't be replayed by
 * sending it to a second node. Each is kept only while a proof of its age would still be
 * accepted.
 */
@Component
class ProofReplays implements ReplayGuard {

	private final JdbcClient jdbc;

	private final Clock clock;

	ProofReplays(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a proof's {@code jti}; false if any node has seen it before. */
	@Override
	public boolean firstUse(String jti, Instant keepUntil) {
		try {
			this.jdbc.sql("INSERT INTO dpop_proofs (jti_hash, expires_at) VALUES (?, ?)")
				.params(TokenSecret.sha256Hex(jti), SqlValues.utc(keepUntil))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
	void forgetExpired() {
		this.jdbc.sql("DELETE FROM dpop_proofs WHERE expires_at < ?").param(SqlValues.utc(this.clock.instant())).update();
	}

}
