package dev.latchkey.server.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.MutableClock;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.encryption.SecretBox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenID Connect signing keys on a real database: the same key for every node, its private
 * half sealed at rest, and a rotation that publishes the new key before it signs and keeps the
 * old one until its ID tokens have expired.
 */
class SigningKeysTests {

	private static final SecretBox BOX = SecretBox.of("HnX4T/P/i9WaDoRbAXLOSF8WV2BxCEhrITSl6uAnIQ4=");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:00:00Z"));

	@Test
	void loadWhenCalledAgainOrOnAnotherNodeThenSameKeySealedAtRest() {
		DataSource database = TestDatabases.h2();
		JWKSet first = keys(database, Duration.ofHours(1)).published();
		JWKSet restarted = keys(database, Duration.ofHours(1)).published();

		assertThat(first.getKeys()).hasSize(1);
		assertThat(restarted.getKeys().get(0).toRSAKey().toPublicJWK())
			.isEqualTo(first.getKeys().get(0).toRSAKey().toPublicJWK());
		assertThat(first.getKeys().get(0).isPrivate()).isTrue();
		String stored = JdbcClient.create(database).sql("SELECT private_key FROM oauth2_signing_keys")
			.query(String.class)
			.single();
		assertThat(stored).startsWith(BOX.currentKeyId() + ":");
	}

	@Test
	void loadWhenAKeyWasStoredPlainBeforeSealingThenSealedInPlaceAndTheSameKey() throws Exception {
		DataSource database = TestDatabases.h2();
		JWKSet original = keys(database, Duration.ofHours(1)).published();
		byte[] plain = original.getKeys().get(0).toRSAKey().toRSAPrivateKey().getEncoded();
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql("UPDATE oauth2_signing_keys SET private_key = ?").param(Base64.getEncoder().encodeToString(plain)).update();

		JWKSet read = keys(database, Duration.ofHours(1)).published();

		assertThat(read.getKeys().get(0).toRSAKey().toRSAPrivateKey().getEncoded()).isEqualTo(plain);
		assertThat(jdbc.sql("SELECT private_key FROM oauth2_signing_keys").query(String.class).single())
			.startsWith(BOX.currentKeyId() + ":");
	}

	@Test
	void rotateWhenDoneThenPublishedFirstSignsLaterAndTheOldKeyGoesAfterItsTokens() {
		DataSource database = TestDatabases.h2();
		SigningKeys keys = keys(database, Duration.ofHours(1));
		String old = keys.signingKeyId();

		String rotated = keys.rotate();

		assertThat(keys.published().getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder(old, rotated);
		assertThat(keys.signingKeyId()).as("published, not signing yet").isEqualTo(old);
		this.clock.advance(Duration.ofHours(1));
		assertThat(keys(database, Duration.ofHours(1)).signingKeyId()).isEqualTo(rotated);
		assertThat(keys(database, Duration.ofHours(1)).published().getKeys()).as("old tokens still verify").hasSize(2);
		this.clock.advance(SigningKeys.ID_TOKEN_LIFETIME.plusSeconds(1));
		assertThat(keys(database, Duration.ofHours(1)).published().getKeys()).extracting(JWK::getKeyID)
			.containsExactly(rotated);
	}

	private SigningKeys keys(DataSource database, Duration publication) {
		return new SigningKeys(JdbcClient.create(database), this.clock, BOX, new OAuthProperties(null,
				Duration.ofHours(8), Duration.ofDays(180), Duration.ofMinutes(5), Duration.ofMinutes(15),
				Duration.ofMinutes(1), false, publication));
	}

}
