package dev.latchkey.server.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenKind;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.ActiveTokenSource;
import dev.latchkey.server.check.LastUse;
import dev.latchkey.server.check.ScopeSets;
import dev.latchkey.server.config.SqlValues;

/**
 * OAuth access tokens for the hot path, so the REST API accepts them exactly as it accepts
 * personal access tokens: one indexed lookup by hash on a cache miss. A token stops working
 * when its user is suspended, and when the owner of the app it was issued to is.
 */
@Component
class OAuthAccessTokenSource implements ActiveTokenSource {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	OAuthAccessTokenSource(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	@Override
	public TokenKind kind() {
		return TokenKind.OAUTH_ACCESS;
	}

	@Override
	public Optional<ActiveToken> findActiveByHash(String hash) {
		return this.jdbc.sql("""
				SELECT a.id, a.account_id, acc.username, acc.is_admin, a.access_scopes, a.access_issued_at,
				       a.access_expires_at, a.registered_client_id, a.refresh_expires_at, a.access_audience,
				       a.access_actor, a.access_jkt
				FROM oauth2_authorizations a LEFT JOIN accounts acc ON acc.id = a.account_id
				LEFT JOIN oauth_apps app ON app.client_id = a.registered_client_id
				LEFT JOIN accounts owner ON owner.id = app.owner_account_id
				WHERE a.access_hash = ? AND a.access_invalidated = FALSE AND acc.suspended_at IS NULL
				  AND owner.suspended_at IS NULL""")
			.param(hash)
			.query((rs, row) -> {
				long accountId = rs.getLong("account_id");
				Long account = rs.wasNull() ? null : accountId;
				return new ActiveToken(rs.getString("id"), account, rs.getString("username"), rs.getBoolean("is_admin"),
						ScopeSets.of(rs.getString("access_scopes")), SqlValues.instant(rs, "access_issued_at"),
						SqlValues.instant(rs, "access_expires_at"), hash,
						new ActiveToken.OAuth(rs.getString("registered_client_id"), grantEnd(rs), rs.getString("access_actor"),
								rs.getString("access_jkt")),
						ScopeSets.of(rs.getString("access_audience")));
			})
			.optional();
	}

	private static @Nullable Instant grantEnd(ResultSet rs) throws SQLException {
		return SqlValues.instant(rs, "refresh_expires_at");
	}

	@Override
	public void recordLastUse(List<LastUse> uses) {
		this.batch.batchUpdate("""
				UPDATE oauth2_authorizations SET last_used_at = ?
				WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)""", uses, 1000, (ps, use) -> {
			OffsetDateTime at = SqlValues.utc(use.at());
			ps.setObject(1, at);
			ps.setString(2, use.tokenId());
			ps.setObject(3, at);
		});
	}

}
