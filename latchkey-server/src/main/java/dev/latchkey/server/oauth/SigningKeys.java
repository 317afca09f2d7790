package dev.latchkey.server.oauth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.encryption.SecretBox;

/**
 * The OpenID Connect signing keys, shared by every node through the database, their private
 * halves sealed with the data-encryption key. A rotation publishes the new key at once and lets
 * it sign only after {@code latchkey.oauth.signing-key-publication}, so apps that cache the key
 * set have it by then; the old key stays published until the ID tokens it signed have expired.
 * Read at most once a minute: neither signing an ID token nor serving the key set is a hot path,
 * and a node learns of another's rotation long before the new key signs.
 */
@Component
class SigningKeys {

	/** How long an ID token lives (Spring Authorization Server's default), and so an old key stays. */
	static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);

	private static final Duration READ_EVERY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecretBox box;

	private final Duration publication;

	private volatile @Nullable Snapshot snapshot;

	SigningKeys(JdbcClient jdbc, Clock clock, SecretBox box, OAuthProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.box = box;
		this.publication = properties.signingKeyPublication();
	}

	/**
	 * One stored key.
	 *
	 * @param jwk the key pair
	 * @param signsFrom when it started, or starts, to sign
	 * @param retiredAt when it stops being published; absent while it is current or newer
	 */
	record Key(RSAKey jwk, Instant signsFrom, @Nullable Instant retiredAt) {
	}

	private record Snapshot(List<Key> keys, Instant readAt) {
	}

	/** The keys apps may verify ID tokens with: every key not yet retired, the first made if there is none. */
	JWKSet published() {
		Instant now = this.clock.instant();
		return new JWKSet(keys().stream()
			.filter((key) -> key.retiredAt() == null || key.retiredAt().isAfter(now))
			.map((key) -> (JWK) key.jwk())
			.toList());
	}

	/** The id of the key that signs now: the newest one whose time has come (the oldest, on a clock behind them all). */
	String signingKeyId() {
		Instant now = this.clock.instant();
		List<Key> keys = keys();
		return keys.stream()
			.filter((key) -> !key.signsFrom().isAfter(now))
			.max(Comparator.comparing(Key::signsFrom))
			.orElse(keys.get(0))
			.jwk()
			.getKeyID();
	}

	/** Every stored key, newest last. */
	List<Key> keys() {
		Snapshot current = this.snapshot;
		if (current == null || current.readAt().plus(READ_EVERY).isBefore(this.clock.instant())) {
			current = new Snapshot(read(), this.clock.instant());
			this.snapshot = current;
		}
		return current.keys();
	}

	/**
	 * Makes a new key, published now and signing after the publication time; the keys before it
	 * retire once the ID tokens they may still sign until then have expired.
	 * @return the new key's id
	 */
	@Transactional
	String rotate() {
		Instant now = this.clock.instant();
		Instant signsFrom = now.plus(this.publication);
		this.jdbc.sql("UPDATE oauth2_signing_keys SET retired_at = ? WHERE retired_at IS NULL")
			.param(SqlValues.utc(signsFrom.plus(ID_TOKEN_LIFETIME)))
			.update();
		String kid = insert("key-" + now.toEpochMilli(), now, signsFrom);
		this.snapshot = null;
		return kid;
	}

	private List<Key> read() {
		List<Key> keys = stored();
		if (keys.isEmpty()) {
			try {
				// The first key signs from the start, whatever any node's clock says.
				insert("initial", this.clock.instant(), Instant.EPOCH);
			}
			catch (DuplicateKeyException ex) {
				// Another node made it first; use that one.
			}
			keys = stored();
		}
		return keys;
	}

	private List<Key> stored() {
		return this.jdbc.sql("""
				SELECT id, private_key, public_key, created_at, signs_from, retired_at FROM oauth2_signing_keys
				ORDER BY COALESCE(signs_from, created_at)""")
			.query((rs, row) -> {
				String id = rs.getString("id");
				String privateKey = rs.getString("private_key");
				if (!SecretBox.isSealed(privateKey)) {
					// Written before keys were sealed: sealed now, once.
					String sealed = this.box.seal(Base64.getDecoder().decode(privateKey), context(id));
					this.jdbc.sql("UPDATE oauth2_signing_keys SET private_key = ? WHERE id = ? AND private_key = ?")
						.params(sealed, id, privateKey)
						.update();
					privateKey = sealed;
				}
				Instant signsFrom = SqlValues.instant(rs, "signs_from");
				return new Key(rsaKey(id, this.box.open(privateKey, context(id)), rs.getString("public_key")),
						(signsFrom != null) ? signsFrom : SqlValues.instant(rs, "created_at"),
						SqlValues.instant(rs, "retired_at"));
			})
			.list();
	}

	private String insert(String id, Instant createdAt, Instant signsFrom) {
		KeyPair pair = generate();
		Base64.Encoder base64 = Base64.getEncoder();
		this.jdbc.sql("""
				INSERT INTO oauth2_signing_keys (id, private_key, public_key, created_at, signs_from)
				VALUES (?, ?, ?, ?, ?)""")
			.params(id, this.box.seal(pair.getPrivate().getEncoded(), context(id)),
					base64.encodeToString(pair.getPublic().getEncoded()), SqlValues.utc(createdAt),
					SqlValues.utc(signsFrom))
			.update();
		return kid((RSAPublicKey) pair.getPublic());
	}

	/** What a private key is sealed for: it opens as this key only. */
	private static String context(String id) {
		return "oidc-signing-key:" + id;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String id, byte[] privateKey, String publicKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPublicKey pub = (RSAPublicKey) factory
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
			RSAPrivateKey priv = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
			return new RSAKey.Builder(pub).privateKey(priv).keyID(kid(pub)).build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("The stored signing key " + id + " can't be read", ex);
		}
	}

	/** The key id is derived from the public key, so every node publishes the same one. */
	private static String kid(RSAPublicKey key) {
		return UUID.nameUUIDFromBytes(key.getEncoded()).toString();
	}

}
