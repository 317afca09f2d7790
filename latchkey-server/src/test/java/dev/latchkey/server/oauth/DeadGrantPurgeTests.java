package dev.latchkey.server.oauth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grants nothing can use any more are deleted; a user's grant with a live refresh token is not.
 * {@link OAuthPostgresTests} runs the same on PostgreSQL.
 */
@LatchkeyTest
class DeadGrantPurgeTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	DeadGrantPurge purge;

	@Autowired
	JdbcClient jdbc;

	@Test
	void purgeWhenGrantsExpiredOverADayAgoThenClientCredentialsGrantGoesAndUsersGrantStays() throws Exception {
		deadGrantGoesAndUsersGrantStays(this.port, this.fixtures, this.apps, this.purge, this.jdbc);
	}

	static void deadGrantGoesAndUsersGrantStays(int port, TestFixtures fixtures, OAuthAppService apps,
			DeadGrantPurge purge, JdbcClient jdbc) throws Exception {
		OAuthTestSupport oauth = new OAuthTestSupport(port);
		Account user = fixtures.user();
		BrowserSession browser = new BrowserSession(port).signIn(user.username(), TestFixtures.PASSWORD);
		RegisteredApp app = apps.register(user.id(),
				new AppForm("Purged", "https://purged.example", null, OAuthTestSupport.CALLBACK, "confidential"));
		String machine = oauth.token(OAuthTestSupport.basic(app), new ClientCredentialsGrant())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
		AuthorizationCode code = oauth.code(browser, oauth.authorizationRequest(app, "user").build());
		Tokens users = oauth.exchange(OAuthTestSupport.basic(app), code, null).toSuccessResponse().getTokens();
		// Three days on: both access tokens long expired, the user's refresh token still good.
		makeThreeDaysOld(jdbc, machine);
		makeThreeDaysOld(jdbc, users.getAccessToken().getValue());

		assertThat(purge.purge(Instant.now())).isEqualTo(1);

		assertThat(grantsHolding(jdbc, machine)).isZero();
		assertThat(grantsHolding(jdbc, users.getAccessToken().getValue())).isOne();
		assertThat(oauth.token(OAuthTestSupport.basic(app), new RefreshTokenGrant(users.getRefreshToken()))
			.indicatesSuccess()).isTrue();
	}

	private static void makeThreeDaysOld(JdbcClient jdbc, String accessToken) {
		OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3);
		jdbc.sql("""
				UPDATE oauth2_authorizations SET created_at = ?, access_issued_at = ?, access_expires_at = ?
				WHERE access_hash = ?""")
			.params(then, then, then.plusHours(8), TokenSecret.sha256Hex(accessToken))
			.update();
	}

	private static int grantsHolding(JdbcClient jdbc, String accessToken) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorizations WHERE access_hash = ?")
			.param(TokenSecret.sha256Hex(accessToken))
			.query(Integer.class)
			.single();
	}

}
