package dev.latchkey.server.token;

import javax.sql.DataSource;

import dev.latchkey.server.TestDatabases;

class PersonalAccessTokenStorePostgresTests extends PersonalAccessTokenStoreContract {

	private static DataSource database;

	@Override
	DataSource dataSource() {
		if (database == null) {
			database = TestDatabases.postgres();
		}
		return database;
	}

}
