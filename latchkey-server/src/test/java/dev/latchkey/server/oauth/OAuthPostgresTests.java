package dev.latchkey.server.oauth;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http;
import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth server on PostgreSQL: the same grants, and no plain secret at rest.
 */
class OAuthPostgresTests extends PostgresTestBase {

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	OAuthAppService apps;

	@Autowired
	DataSource dataSource;

	@Autowired
	DeadGrantPurge purge;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ResourceServers resourceServers;

	@Autowired
	UnusedClientPurge unusedClients;

	@Autowired
	java.time.Clock clock;

	@Test
	void flowsWhenOnPostgresThenWorkAndStoreNoPlainSecret() throws Exception {
		assertThat(this.dataSource.getConnection().getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		OAuthSecretsAtRestTests.OAuthFlowsScript flows = new OAuthSecretsAtRestTests.OAuthFlowsScript(this.port,
				this.fixtures, this.apps);
		List<String> secrets = flows.run();
		String tables = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(tables).contains(flows.clientId());
		secrets.forEach((secret) -> assertThat(tables).doesNotContain(secret));
	}

	@Test
	void appWhenOwnerSuspendedOnPostgresThenStopsAndComesBack() throws Exception {
		AppOwnerSuspensionTests.ownersSuspensionStopsTheAppAndLiftingItBringsItBack(this.port, this.fixtures, this.apps);
	}

	@Test
	void boundTokenWhenOnPostgresThenKeepsItsAudienceAndOtherApisRefuseIt() throws Exception {
		ResourceIndicatorTests.boundTokenKeepsItsAudienceAndOtherApisRefuseIt(this.port, this.fixtures, this.apps,
				this.resourceServers);
	}

	@Test
	void dynamicRegistrationWhenOnPostgresThenRegisteredListedAndPurgedWhenUnused() throws Exception {
		Http.Response registered = new Http(this.port).postJson("/oauth2/register", """
				{"redirect_uris":["http://127.0.0.1:53682/callback"],"client_name":"Agent on PostgreSQL",
				 "token_endpoint_auth_method":"none"}""");
		assertThat(registered.status()).isEqualTo(201);
		String clientId = registered.json().get("client_id").asString();
		assertThat(this.resourceServers.find(clientId).orElseThrow().app().registeredDynamically()).isTrue();

		this.unusedClients.purge(this.clock.instant().plus(java.time.Duration.ofDays(31)));

		assertThat(this.resourceServers.find(clientId)).isEmpty();
	}

	@Test
	void tokenExchangeWhenOnPostgresThenTheNewTokenNamesItsActor() throws Exception {
		TokenExchangeTests.exchangedTokenNamesItsActor(this.port, this.fixtures, this.apps, this.resourceServers);
	}

	@Test
	void dpopWhenOnPostgresThenABoundTokenTakesEachProofOnce() throws Exception {
		DPoPTests.boundTokenTakesEachProofOnce(this.port, this.fixtures, this.apps, this.clock);
	}

	@Test
	void purgeWhenOnPostgresThenDeadGrantGoesAndUsersGrantStays() throws Exception {
		DeadGrantPurgeTests.deadGrantGoesAndUsersGrantStays(this.port, this.fixtures, this.apps, this.purge, this.jdbc);
	}

}
