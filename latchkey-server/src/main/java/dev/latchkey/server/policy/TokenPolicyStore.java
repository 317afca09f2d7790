package dev.latchkey.server.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latchkey.server.config.SqlValues;

/**
 * The policy row. Read on every token check, so it is kept in memory and refreshed in the
 * background: another node's change is seen within about {@link #REFRESH}, and a database
 * that is down leaves the last policy in force rather than failing requests.
 */
@Repository
public class TokenPolicyStore {

	static final Duration REFRESH = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final LoadingCache<Integer, TokenPolicy> current;

	TokenPolicyStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.current = Caffeine.newBuilder().refreshAfterWrite(REFRESH).build((key) -> load());
	}

	/** The policy in force. */
	public TokenPolicy current() {
		return this.current.get(1);
	}

	void save(TokenPolicy policy) {
		this.jdbc.sql("""
				UPDATE token_policy SET max_lifetime_days = ?, expiration_required = ?, allowed_scopes = ?,
				admins_only = ?, max_tokens_per_user = ?, max_sanctioned_lifetime_days = ?,
				revoke_unused_after_days = ?, updated_at = ? WHERE id = 1""")
			.params(policy.maxLifetimeDays(), policy.expirationRequired(),
					(policy.allowedScopes() != null) ? String.join(" ", policy.allowedScopes()) : null,
					policy.adminsOnly(), policy.maxTokensPerUser(), policy.maxSanctionedLifetimeDays(),
					policy.revokeUnusedAfterDays(),
					SqlValues.utc(this.clock.instant()))
			.update();
		this.current.invalidateAll();
	}

	private TokenPolicy load() {
		return this.jdbc.sql("SELECT * FROM token_policy WHERE id = 1")
			.query((rs, row) -> {
				String scopes = rs.getString("allowed_scopes");
				List<String> allowed = (scopes != null) ? Arrays.asList(scopes.split(" ")) : null;
				return new TokenPolicy(rs.getObject("max_lifetime_days", Integer.class),
						rs.getBoolean("expiration_required"), allowed, rs.getBoolean("admins_only"),
						rs.getObject("max_tokens_per_user", Integer.class),
						rs.getObject("max_sanctioned_lifetime_days", Integer.class),
						rs.getObject("revoke_unused_after_days", Integer.class));
			})
			.single();
	}

}
