package dev.latchkey.server.account;

import javax.sql.DataSource;

import dev.latchkey.server.TestDatabases;

class AccountStoreH2Tests extends AccountStoreContract {

	private static DataSource database;

	@Override
	DataSource dataSource() {
		if (database == null) {
			database = TestDatabases.h2();
		}
		return database;
	}

}
