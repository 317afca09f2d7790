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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.latchkey.server.config.SqlValues;

/**
 * The OpenID Connect signing key: generated once, stored in the database and shared by every
 * node, so ID tokens verify after a restart and whichever node signed them.
 */
@Component
class SigningKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	SigningKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The stored keys, after making the first one if there is none yet. */
	JWKSet load() {
		List<RSAKey> keys = stored();
		if (keys.isEmpty()) {
			try {
				create();
			}
			catch (DuplicateKeyException ex) {
				// Another node made it first; use that one.
			}
			keys = stored();
		}
		return new JWKSet(List.copyOf(keys));
	}

	private List<RSAKey> stored() {
		return this.jdbc.sql("SELECT id, private_key, public_key FROM oauth2_signing_keys ORDER BY created_at")
			.query((rs, row) -> rsaKey(rs.getString("id"), rs.getString("private_key"), rs.getString("public_key")))
			.list();
	}

	private void create() {
		KeyPair pair = generate();
		Base64.Encoder base64 = Base64.getEncoder();
		this.jdbc.sql("INSERT INTO oauth2_signing_keys (id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)")
			.params("initial", base64.encodeToString(pair.getPrivate().getEncoded()),
					base64.encodeToString(pair.getPublic().getEncoded()),
					SqlValues.utc(this.clock.instant()))
			.update();
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

	private static RSAKey rsaKey(String id, String privateKey, String publicKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			Base64.Decoder base64 = Base64.getDecoder();
			RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(base64.decode(publicKey)));
			RSAPrivateKey priv = (RSAPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privateKey)));
			// The key id is derived from the public key, so every node publishes the same one.
			String kid = UUID.nameUUIDFromBytes(pub.getEncoded()).toString();
			return new RSAKey.Builder(pub).privateKey(priv).keyID(kid).build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("The stored signing key " + id + " can't be read", ex);
		}
	}

}
