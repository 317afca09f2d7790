package dev.latchkey.server.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;

/**
 * The sealed TOTP seeds and the recovery-code hashes. Seeds go in and come out sealed: this
 * store never sees one in the clear.
 */
@Repository
class TwoFactorStore {

	private final JdbcClient jdbc;

	TwoFactorStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An account's authenticator app, confirmed or still being set up. */
	record Enrolment(String sealedSeed, @Nullable Instant confirmedAt, long lastStep) {

		boolean confirmed() {
			return this.confirmedAt != null;
		}

		@Override
		public String toString() {
			return "Enrolment[confirmedAt=" + this.confirmedAt + "]";
		}

	}

	Optional<Enrolment> find(long accountId) {
		return this.jdbc.sql("SELECT sealed_seed, confirmed_at, last_step FROM two_factor WHERE account_id = ?")
			.param(accountId)
			.query((rs, row) -> new Enrolment(rs.getString("sealed_seed"), SqlValues.instant(rs, "confirmed_at"), rs.getLong("last_step")))
			.optional();
	}

	boolean confirmed(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM two_factor WHERE account_id = ? AND confirmed_at IS NOT NULL")
			.param(accountId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Starts, or starts over, setting up an app; refused (false) once one is confirmed. */
	boolean begin(long accountId, String sealedSeed, Instant now) {
		this.jdbc.sql("DELETE FROM two_factor WHERE account_id = ? AND confirmed_at IS NULL").param(accountId).update();
		if (confirmed(accountId)) {
			return false;
		}
		this.jdbc.sql("INSERT INTO two_factor (account_id, sealed_seed, created_at) VALUES (?, ?, ?)")
			.params(accountId, sealedSeed, SqlValues.utc(now))
			.update();
		return true;
	}

	/** Confirms the app being set up, with the step of the code that proved it. */
	boolean confirm(long accountId, long step, Instant now) {
		return this.jdbc.sql("""
				UPDATE two_factor SET confirmed_at = ?, last_step = ?
				 WHERE account_id = ? AND confirmed_at IS NULL""")
			.params(SqlValues.utc(now), step, accountId)
			.update() == 1;
	}

	/**
	 * Takes a step's code as used, if no later or equal one was: of two requests with the same
	 * code, on any node, one wins.
	 */
	boolean useStep(long accountId, long step) {
		return this.jdbc.sql("UPDATE two_factor SET last_step = ? WHERE account_id = ? AND last_step < ?")
			.params(step, accountId, step)
			.update() == 1;
	}

	/** Seals the seed again, under a new key. */
	void reseal(long accountId, String oldSealed, String newSealed) {
		this.jdbc.sql("UPDATE two_factor SET sealed_seed = ? WHERE account_id = ? AND sealed_seed = ?")
			.params(newSealed, accountId, oldSealed)
			.update();
	}

	void replaceRecoveryCodes(long accountId, List<String> hashes) {
		this.jdbc.sql("DELETE FROM recovery_codes WHERE account_id = ?").param(accountId).update();
		for (String hash : hashes) {
			this.jdbc.sql("INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)")
				.params(accountId, hash)
				.update();
		}
	}

	/** Uses a recovery code up; false if it isn't one of the account's, or was used. */
	boolean useRecoveryCode(long accountId, String hash, Instant now) {
		return this.jdbc.sql("""
				UPDATE recovery_codes SET used_at = ?
				 WHERE account_id = ? AND code_hash = ? AND used_at IS NULL""")
			.params(SqlValues.utc(now), accountId, hash)
			.update() == 1;
	}

	int unusedRecoveryCodes(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/** Turns two-factor authentication off: the seed and every recovery code go. */
	boolean remove(long accountId) {
		this.jdbc.sql("DELETE FROM recovery_codes WHERE account_id = ?").param(accountId).update();
		return this.jdbc.sql("DELETE FROM two_factor WHERE account_id = ?").param(accountId).update() == 1;
	}

}
