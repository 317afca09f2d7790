package dev.latchkey.server.oauth;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the OAuth flows, neither the database nor the log holds a plain access token,
 * refresh token, authorization code or client secret: the database only their hashes.
 */
@LatchkeyTest
@ExtendWith(OutputCaptureExtension.class)
class OAuthSecretsAtRestTests {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	DataSource dataSource;

	@Test
	void databaseAndLogWhenFlowsDoneThenHoldNoPlainSecret(CapturedOutput output) throws Exception {
		OAuthFlowsScript flows = new OAuthFlowsScript(this.port, this.fixtures, this.apps);
		List<String> secrets = flows.run();
		String tables = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(tables).contains(flows.clientId());
		for (String secret : secrets) {
			assertThat(tables).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
		}
		assertThat(tables).contains(dev.latchkey.client.TokenSecret.sha256Hex(secrets.get(0)));
	}

	/**
	 * Runs every grant once and returns every secret it saw, client secret first. Shared
	 * by the H2 and PostgreSQL runs.
	 */
	static final class OAuthFlowsScript {

		private final OAuthTestSupport oauth;

		private final TestFixtures fixtures;

		private final OAuthAppService apps;

		private final int port;

		private String clientId;

		OAuthFlowsScript(int port, TestFixtures fixtures, OAuthAppService apps) {
			this.port = port;
			this.oauth = new OAuthTestSupport(port);
			this.fixtures = fixtures;
			this.apps = apps;
		}

		String clientId() {
			return this.clientId;
		}

		List<String> run() throws Exception {
			Account user = this.fixtures.user();
			RegisteredApp app = this.apps.register(user.id(),
					new AppForm("Script", "https://script.example", null, OAuthTestSupport.CALLBACK, "confidential"));
			this.clientId = app.app().clientId();
			List<String> secrets = new ArrayList<>();
			secrets.add(app.secret().reveal());
			BrowserSession browser = new BrowserSession(this.port).signIn(user.username(), TestFixtures.PASSWORD);
			AuthorizationCode code = this.oauth.code(browser,
					this.oauth.authorizationRequest(app, "openid user").build());
			secrets.add(code.getValue());
			Tokens first = this.oauth.exchange(OAuthTestSupport.basic(app), code, null).toSuccessResponse().getTokens();
			secrets.add(first.getAccessToken().getValue());
			secrets.add(first.getRefreshToken().getValue());
			Tokens second = this.oauth.token(OAuthTestSupport.basic(app), new RefreshTokenGrant(first.getRefreshToken()))
				.toSuccessResponse()
				.getTokens();
			secrets.add(second.getAccessToken().getValue());
			secrets.add(second.getRefreshToken().getValue());
			assertThat(this.oauth.introspect(app, second.getAccessToken().getValue()).isActive()).isTrue();
			assertThat(this.oauth.introspect(app, first.getAccessToken().getValue()).isActive()).isFalse();
			secrets.add(this.oauth.token(OAuthTestSupport.basic(app), new ClientCredentialsGrant())
				.toSuccessResponse()
				.getTokens()
				.getAccessToken()
				.getValue());
			return secrets;
		}

	}

}
