package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.check.TokenCache;
import dev.latchkey.server.config.SqlValues;

/**
 * Spring Authorization Server's authorizations, stored with every token, code and state as
 * its SHA-256 only, each hash a unique indexed lookup key.
 * <p>
 * The server's providers find an authorization by the value presented to them and then
 * compare token values with {@code equals}, so an authorization found by a value is rebuilt
 * with that value in place of its hash. Values not presented are unknown: they are rebuilt
 * as {@code sha256:<hash>}, which {@link #save} recognises and keeps as the hash it was.
 * <p>
 * Refresh tokens rotate on every use. A rotated-away refresh token is remembered by its
 * hash; presenting it again means it leaked, so the whole grant is revoked.
 */
@Component
class HashedOAuth2AuthorizationService implements OAuth2AuthorizationService {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuthorizationRows rows;

	private final TokenCache tokenCache;

	private final Clock clock;

	private final String accessStart;

	private final String refreshStart;

	HashedOAuth2AuthorizationService(JdbcClient jdbc, TransactionTemplate transactions,
			RegisteredClientRepository clients, TokenCache tokenCache, TokenFormat format,
			Clock clock) {
		this.accessStart = format.start(TokenKind.OAUTH_ACCESS);
		this.refreshStart = format.start(TokenKind.OAUTH_REFRESH);
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rows = new AuthorizationRows(clients);
		this.tokenCache = tokenCache;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		Map<String, Object> row = this.rows.toRow(authorization);
		List<String> evict = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			Optional<Map<String, Object>> existing = this.jdbc
				.sql("SELECT access_hash, refresh_hash FROM oauth2_authorizations WHERE id = ?")
				.param(authorization.getId())
				.query((rs, n) -> {
					Map<String, Object> hashes = new HashMap<>();
					hashes.put("access", rs.getString("access_hash"));
					hashes.put("refresh", rs.getString("refresh_hash"));
					return hashes;
				})
				.optional();
			if (existing.isPresent()) {
				update(row);
				evict.add((String) existing.get().get("access"));
				String oldRefresh = (String) existing.get().get("refresh");
				if (oldRefresh != null && !oldRefresh.equals(row.get("refresh_hash"))) {
					this.jdbc.sql("""
							INSERT INTO oauth2_spent_refresh_tokens (token_hash, authorization_id, spent_at)
							VALUES (?, ?, ?)""").params(oldRefresh, authorization.getId(), now()).update();
				}
			}
			else {
				insert(row);
			}
		});
		evict.add((String) row.get("access_hash"));
		evict(evict);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		removeById(authorization.getId());
	}

	/** Revokes every token of every grant of an app, for example when the app is deleted. */
	void removeAllForClient(String registeredClientId) {
		List<String> ids = this.jdbc.sql("SELECT id FROM oauth2_authorizations WHERE registered_client_id = ?")
			.param(registeredClientId)
			.query(String.class)
			.list();
		ids.forEach(this::removeById);
	}

	/** Revokes every token a user granted an app. */
	void removeAllForClientAndPrincipal(String registeredClientId, String principalName) {
		List<String> ids = this.jdbc
			.sql("SELECT id FROM oauth2_authorizations WHERE registered_client_id = ? AND principal_name = ?")
			.params(registeredClientId, principalName)
			.query(String.class)
			.list();
		ids.forEach(this::removeById);
	}

	private void removeById(String id) {
		List<String> evict = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("SELECT access_hash FROM oauth2_authorizations WHERE id = ?")
				.param(id)
				.query(String.class)
				.optional()
				.ifPresent(evict::add);
			this.jdbc.sql("DELETE FROM oauth2_spent_refresh_tokens WHERE authorization_id = ?").param(id).update();
			this.jdbc.sql("DELETE FROM oauth2_authorizations WHERE id = ?").param(id).update();
		});
		evict(evict);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.jdbc.sql("SELECT * FROM oauth2_authorizations WHERE id = ?")
			.param(id)
			.query((rs, n) -> this.rows.toAuthorization(rs, null, null))
			.optional()
			.orElse(null);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		String hash = TokenSecret.sha256Hex(token);
		if (TokenSlot.STATE.equals(tokenType)) {
			return findByColumn("state_hash", hash, null, token);
		}
		List<TokenSlot> slots = (tokenType != null) ? TokenSlot.forTokenType(tokenType) : likelySlotsFirst(token);
		for (TokenSlot slot : slots) {
			OAuth2Authorization found = findByColumn(slot.column() + "_hash", hash, slot, token);
			if (found != null) {
				return found;
			}
		}
		if (slots.contains(TokenSlot.REFRESH)) {
			revokeGrantOfSpentRefreshToken(hash);
		}
		return null;
	}

	/** The grant holding this refresh token, without treating a spent one as reuse; for introspection. */
	@Nullable OAuth2Authorization findLiveByRefreshToken(String token) {
		return findByColumn("refresh_hash", TokenSecret.sha256Hex(token), TokenSlot.REFRESH, token);
	}

	/** Without a type hint, Latchkey's own token prefixes say where to look first. */
	private List<TokenSlot> likelySlotsFirst(String token) {
		List<TokenSlot> slots = new ArrayList<>(Arrays.asList(TokenSlot.values()));
		TokenSlot likely = token.startsWith(this.accessStart) ? TokenSlot.ACCESS
				: token.startsWith(this.refreshStart) ? TokenSlot.REFRESH : null;
		if (likely != null) {
			slots.remove(likely);
			slots.add(0, likely);
		}
		return slots;
	}

	private @Nullable OAuth2Authorization findByColumn(String column, String hash, @Nullable TokenSlot slot,
			String presented) {
		return this.jdbc.sql("SELECT * FROM oauth2_authorizations WHERE " + column + " = ?")
			.param(hash)
			.query((rs, n) -> this.rows.toAuthorization(rs, slot, presented))
			.optional()
			.orElse(null);
	}

	private void revokeGrantOfSpentRefreshToken(String hash) {
		this.jdbc.sql("SELECT authorization_id FROM oauth2_spent_refresh_tokens WHERE token_hash = ?")
			.param(hash)
			.query(String.class)
			.optional()
			// A refresh token used twice has leaked: end the whole grant (OAuth 2.0 Security BCP, 4.14.2).
			.ifPresent(this::removeById);
	}

	private void evict(List<String> hashes) {
		hashes.stream().filter((hash) -> hash != null).forEach(this.tokenCache::evict);
	}

	private void insert(Map<String, Object> row) {
		row.put("created_at", now());
		List<String> columns = new ArrayList<>(row.keySet());
		String sql = "INSERT INTO oauth2_authorizations (" + String.join(", ", columns) + ") VALUES (:"
				+ String.join(", :", columns) + ")";
		this.jdbc.sql(sql).params(row).update();
	}

	private void update(Map<String, Object> row) {
		// The account is set when the user grants; later saves don't know it and keep it.
		List<String> assignments = row.keySet()
			.stream()
			.filter((c) -> !c.equals("id"))
			.map((c) -> c.equals("account_id") ? "account_id = COALESCE(:account_id, account_id)" : c + " = :" + c)
			.toList();
		this.jdbc.sql("UPDATE oauth2_authorizations SET " + String.join(", ", assignments) + " WHERE id = :id")
			.params(row)
			.update();
	}

	private OffsetDateTime now() {
		return SqlValues.utc(this.clock.instant());
	}

}
