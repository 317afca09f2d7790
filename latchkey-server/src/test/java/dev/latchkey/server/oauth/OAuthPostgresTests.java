package dev.latchkey.server.oauth;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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
	void purgeWhenOnPostgresThenDeadGrantGoesAndUsersGrantStays() throws Exception {
		DeadGrantPurgeTests.deadGrantGoesAndUsersGrantStays(this.port, this.fixtures, this.apps, this.purge, this.jdbc);
	}

}
