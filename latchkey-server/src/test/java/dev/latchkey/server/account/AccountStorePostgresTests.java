package dev.latchkey.server.account;

import javax.sql.DataSource;

import dev.latchkey.server.TestDatabases;

class AccountStorePostgresTests extends AccountStoreContract {

	private static DataSource database;

	@Override
	DataSource dataSource() {
		if (database == null) {
			database = TestDatabases.postgres();
		}
		return database;
	}

}
