package dev.latchkey.server;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.latchkey.server.mail.MailTestSupport;

/**
 * The whole server on a real PostgreSQL, configured only through {@code spring.datasource.*}
 * as in production. Every subclass shares one application context and one fresh database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestClockConfiguration.class, TestFixtures.class, TestMailServer.class, MailTestSupport.class,
		TestResourceServer.class })
public abstract class PostgresTestBase {

	private static DriverManagerDataSource database;

	@BeforeAll
	static void requirePostgres() {
		TestDatabases.assumePostgres();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> database().getUrl());
		registry.add("spring.datasource.username", () -> database().getUsername());
		registry.add("spring.datasource.password", () -> database().getPassword());
	}

	private static synchronized DriverManagerDataSource database() {
		if (database == null) {
			database = TestDatabases.freshPostgres();
		}
		return database;
	}

}
