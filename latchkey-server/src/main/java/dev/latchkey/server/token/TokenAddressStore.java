package dev.latchkey.server.token;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;

/**
 * The addresses each personal access token has been used from; the first use from each is
 * written with its security log entry in one transaction.
 */
@Repository
class TokenAddressStore implements NewAddressWatch.FirstUses {

	private final JdbcClient jdbc;

	private final TransactionOperations transaction;

	private final AuditLog audit;

	TokenAddressStore(JdbcClient jdbc, TransactionOperations transaction, AuditLog audit) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.audit = audit;
	}

	@Override
	public void recordIfFirst(String tokenId, String ip, NewAddressWatch.Use use) {
		long id = Long.parseLong(tokenId);
		this.transaction.executeWithoutResult((status) -> {
			int inserted = this.jdbc.sql("""
					INSERT INTO token_ip_addresses (token_id, ip_address, first_used_at)
					SELECT ?, ?, ? FROM (VALUES (1)) AS one (x)
					WHERE NOT EXISTS (SELECT 1 FROM token_ip_addresses WHERE token_id = ? AND ip_address = ?)""")
				.params(id, ip, OffsetDateTime.ofInstant(use.at(), ZoneOffset.UTC), id, ip)
				.update();
			if (inserted == 1) {
				this.audit.record(SecurityAction.TOKEN_NEW_IP, use.accountId(), id, Map.of("ip_address", ip),
						new Origin(use.username(), ip, null));
			}
		});
	}

}
