package dev.latchkey.server.oauth;

import java.time.Clock;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTests {

	@Test
	void loadWhenCalledAgainOrOnAnotherNodeThenSameKey() {
		DataSource database = TestDatabases.h2();
		JWKSet first = new SigningKeys(JdbcClient.create(database), Clock.systemUTC()).load();
		JWKSet restarted = new SigningKeys(JdbcClient.create(database), Clock.systemUTC()).load();
		assertThat(first.getKeys()).hasSize(1);
		assertThat(restarted.getKeys()).hasSize(1);
		assertThat(restarted.getKeys().get(0).getKeyID()).isEqualTo(first.getKeys().get(0).getKeyID());
		assertThat(restarted.getKeys().get(0).toRSAKey().toPublicJWK())
			.isEqualTo(first.getKeys().get(0).toRSAKey().toPublicJWK());
		assertThat(first.getKeys().get(0).isPrivate()).isTrue();
	}

}
