package dev.latchkey.server.token;

import javax.sql.DataSource;

import dev.latchkey.server.TestDatabases;

class PersonalAccessTokenStoreH2Tests extends PersonalAccessTokenStoreContract {

	private static DataSource database;

	@Override
	DataSource dataSource() {
		if (database == null) {
			database = TestDatabases.h2();
		}
		return database;
	}

}
