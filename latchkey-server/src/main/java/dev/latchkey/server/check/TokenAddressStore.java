package dev.latchkey.server.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.config.SqlValues;

/**
 * The addresses each personal access token has been used from; the first use from each is
 * written with its security log entry in one transaction.
 */
@Repository
class TokenAddressStore implements NewAddressWatch.FirstUses {

	private final JdbcTemplate batch;

	private final TransactionOperations transaction;

	private final AuditLog audit;

	TokenAddressStore(JdbcTemplate batch, TransactionOperations transaction, AuditLog audit) {
		this.batch = batch;
		this.transaction = transaction;
		this.audit = audit;
	}

	@Override
	public void recordIfFirst(List<NewAddressWatch.FirstUse> uses) {
		this.transaction.executeWithoutResult((status) -> {
			// Selecting from the token's row inserts nothing for a token revoked meanwhile.
			int[][] inserted = this.batch.batchUpdate("""
					INSERT INTO token_ip_addresses (token_id, ip_address, first_used_at)
					SELECT t.id, ?, ? FROM personal_access_tokens t
					WHERE t.id = ?
					AND NOT EXISTS (SELECT 1 FROM token_ip_addresses a WHERE a.token_id = t.id AND a.ip_address = ?)""",
					uses, uses.size(), (ps, use) -> {
						ps.setString(1, use.ip());
						ps.setObject(2, SqlValues.utc(use.use().at()));
						ps.setLong(3, Long.parseLong(use.tokenId()));
						ps.setString(4, use.ip());
					});
			List<AuditLog.Entry> firsts = new ArrayList<>();
			for (int i = 0; i < uses.size(); i++) {
				if (inserted[0][i] > 0) {
					NewAddressWatch.FirstUse use = uses.get(i);
					firsts.add(new AuditLog.Entry(SecurityAction.TOKEN_NEW_IP, use.use().accountId(),
							Long.valueOf(use.tokenId()), Map.of("ip_address", use.ip()),
							new Origin(use.use().username(), use.ip(), null)));
				}
			}
			this.audit.recordAll(firsts);
		});
	}

}
