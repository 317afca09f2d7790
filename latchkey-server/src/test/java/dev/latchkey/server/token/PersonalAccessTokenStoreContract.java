package dev.latchkey.server.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.LastUse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the token store promises, run against each real database.
 */
abstract class PersonalAccessTokenStoreContract {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private final TokenFormat format = TokenFormat.withDefaultPrefix();

	private JdbcClient jdbc;

	private PersonalAccessTokenStore store;

	private long alice;

	private long bob;

	abstract DataSource dataSource();

	@BeforeEach
	void setUp() {
		DataSource dataSource = dataSource();
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc.sql("DELETE FROM personal_access_tokens").update();
		this.jdbc.sql("DELETE FROM accounts").update();
		this.store = new PersonalAccessTokenStore(this.jdbc, new JdbcTemplate(dataSource), this.format);
		this.alice = account("alice");
		this.bob = account("bob");
	}

	@Test
	void findActiveByHashWhenInsertedThenReturnsOwnerScopesAndExpiry() {
		TokenSecret secret = secret();
		TokenMetadata inserted = insert(this.alice, "ci", secret, NOW.plus(30, ChronoUnit.DAYS), "user", "notes:read");
		ActiveToken found = this.store.findActiveByHash(secret.sha256()).orElseThrow();
		assertThat(found.id()).isEqualTo(String.valueOf(inserted.id()));
		assertThat(found.issuedAt()).isEqualTo(NOW);
		assertThat(found.username()).isEqualTo("alice");
		assertThat(found.scopes()).containsExactlyInAnyOrder("user", "notes:read");
		assertThat(found.expiresAt()).isEqualTo(NOW.plus(30, ChronoUnit.DAYS));
		assertThat(this.store.findActiveByHash(secret().sha256())).isEmpty();
	}

	@Test
	void insertWhenBoundToApisThenTheCheckAndTheListSeeTheAudience() {
		TokenSecret secret = secret();
		this.store.insert(this.alice, "bound", null, List.of("user"), secret.sha256(), secret.lastFour(), NOW, null, null,
				ResourceSelection.ALL, null, null, List.of("https://notes.example/mcp", "https://notes.example/api"));

		assertThat(this.store.findActiveByHash(secret.sha256()).orElseThrow().audience())
			.containsExactlyInAnyOrder("https://notes.example/mcp", "https://notes.example/api");
		assertThat(this.store.findByAccount(this.alice)).filteredOn((token) -> token.name().equals("bound"))
			.singleElement()
			.satisfies((token) -> assertThat(token.audience()).containsExactlyInAnyOrder("https://notes.example/mcp",
					"https://notes.example/api"));
	}

	@Test
	void findByIdWhenCreatedThroughAnAppThenNamesTheAppWhileItExistsAndItsClientIdAfter() {
		TokenSecret secret = secret();
		TokenMetadata inserted = this.store.insert(this.alice, "from-cli", null, List.of("user"), secret.sha256(),
				secret.lastFour(), NOW, null, null, ResourceSelection.ALL, null, "latchkey-cli", List.of());
		assertThat(inserted.createdBy()).isEqualTo(new CreatingApp("latchkey-cli", null));
		// V3 made the built-in CLI app.
		assertThat(this.store.findById(this.alice, inserted.id()).orElseThrow().createdBy())
			.isEqualTo(new CreatingApp("latchkey-cli", "Latchkey CLI"));
		TokenSecret other = secret();
		TokenMetadata orphan = this.store.insert(this.alice, "from-gone-app", null, List.of("user"), other.sha256(),
				other.lastFour(), NOW, null, null, ResourceSelection.ALL, null, "deleted-app", List.of());
		assertThat(this.store.findById(this.alice, orphan.id()).orElseThrow().createdBy().label()).isEqualTo("deleted-app");
		assertThat(insert(this.alice, "by-hand", secret(), null, "user").createdBy()).isNull();
	}

	@Test
	void findByIdWhenOtherOwnerThenEmpty() {
		TokenMetadata inserted = insert(this.alice, "ci", secret(), null, "user");
		assertThat(this.store.findById(this.alice, inserted.id())).contains(inserted);
		assertThat(this.store.findById(this.bob, inserted.id())).isEmpty();
	}

	@Test
	void insertWhenNameTakenByOwnerThenDuplicateKeyAndOtherOwnersMayUseIt() {
		insert(this.alice, "deploy", secret(), null, "user");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> insert(this.alice, "deploy", secret(), null, "user"));
		insert(this.bob, "deploy", secret(), null, "user");
		assertThat(this.store.findByAccount(this.alice)).hasSize(1);
	}

	@Test
	void findByAccountWhenSeveralThenNewestFirst() {
		insert(this.alice, "one", secret(), null, "user");
		insert(this.alice, "two", secret(), null, "user");
		assertThat(this.store.findByAccount(this.alice)).extracting(TokenMetadata::name).containsExactly("two", "one");
	}

	@Test
	void replaceSecretWhenOldHashMatchesThenOnlyNewSecretIsFound() {
		TokenSecret old = secret();
		TokenMetadata token = insert(this.alice, "ci", old, null, "user");
		TokenSecret fresh = secret();
		assertThat(this.store.replaceSecret(token.id(), fresh.sha256(), secret().sha256(), "abcd", null)).isFalse();
		assertThat(this.store.replaceSecret(token.id(), old.sha256(), fresh.sha256(), fresh.lastFour(), NOW))
			.isTrue();
		assertThat(this.store.findActiveByHash(old.sha256())).isEmpty();
		assertThat(this.store.findActiveByHash(fresh.sha256()).orElseThrow().expiresAt()).isEqualTo(NOW);
		assertThat(this.store.findById(this.alice, token.id()).orElseThrow().lastFour()).isEqualTo(fresh.lastFour());
	}

	@Test
	void deleteWhenHashMatchesThenGone() {
		TokenSecret secret = secret();
		TokenMetadata token = insert(this.alice, "ci", secret, null, "user");
		assertThat(this.store.delete(token.id(), secret().sha256())).isFalse();
		assertThat(this.store.delete(token.id(), secret.sha256())).isTrue();
		assertThat(this.store.findActiveByHash(secret.sha256())).isEmpty();
		assertThat(this.store.findByAccount(this.alice)).isEmpty();
	}

	@Test
	void recordLastUseWhenOlderThanStoredThenKeepsNewest() {
		TokenMetadata token = insert(this.alice, "ci", secret(), null, "user");
		this.store.recordLastUse(List.of(new LastUse(TokenKind.PERSONAL, String.valueOf(token.id()), NOW, "10.0.0.1")));
		this.store.recordLastUse(List.of(new LastUse(TokenKind.PERSONAL, String.valueOf(token.id()), NOW.minusSeconds(60), "10.0.0.2")));
		TokenMetadata read = this.store.findById(this.alice, token.id()).orElseThrow();
		assertThat(read.lastUsedAt()).isEqualTo(NOW);
		assertThat(read.lastUsedIp()).isEqualTo("10.0.0.1");
	}

	@Test
	void storedRowWhenInsertedThenHoldsHashAndLastFourButNotTheToken() {
		TokenSecret secret = secret();
		insert(this.alice, "ci", secret, null, "user");
		String hash = this.jdbc.sql("SELECT token_hash FROM personal_access_tokens").query(String.class).single();
		assertThat(hash).isEqualTo(secret.sha256()).hasSize(64);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE token_hash = ? OR name = ?")
			.params(secret.reveal(), secret.reveal())
			.query(Integer.class)
			.single()).isZero();
	}

	private TokenMetadata insert(long account, String name, TokenSecret secret, Instant expiresAt, String... scopes) {
		return this.store.insert(account, name, null, List.of(scopes), secret.sha256(), secret.lastFour(), NOW,
				expiresAt, null, ResourceSelection.ALL, null, null, List.of());
	}

	private TokenSecret secret() {
		return TokenSecret.generate(this.format, TokenKind.PERSONAL);
	}

	private long account(String username) {
		this.jdbc.sql("""
				INSERT INTO accounts (username, username_key, email, email_key, password_hash, is_admin, created_at)
				VALUES (?, ?, NULL, NULL, '{noop}x', FALSE, ?)""")
			.params(username, username, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC))
			.update();
		return this.jdbc.sql("SELECT id FROM accounts WHERE username_key = ?").param(username).query(Long.class).single();
	}

}
