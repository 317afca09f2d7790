package dev.latchkey.server.account;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import dev.latchkey.server.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {

	private AccountStore store;

	private AccountService service;

	@BeforeEach
	void setUp() {
		this.store = new AccountStore(JdbcClient.create(TestDatabases.h2()));
		this.service = new AccountService(this.store, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
				Clock.systemUTC());
	}

	@Test
	void runWhenFirstStartWithoutSettingsThenCreatesAdminAndPrintsPasswordOnce(CapturedOutput output) {
		new AdminBootstrap(this.service, this.store, new AdminProperties(null, null)).run(null);
		Matcher password = Pattern.compile("password: (\\S+)").matcher(output.getOut());
		assertThat(password.find()).isTrue();
		Account admin = this.store.findByUsername("admin").orElseThrow();
		assertThat(admin.admin()).isTrue();
		assertThat(this.service.passwordMatches(admin.id(), password.group(1))).isTrue();

		int printed = output.getOut().length();
		new AdminBootstrap(this.service, this.store, new AdminProperties(null, null)).run(null);
		assertThat(output.getOut().substring(printed)).doesNotContain("password:");
	}

	@Test
	void runWhenAdminNamedBySettingsThenCreatesThatAdminWithThatPassword(CapturedOutput output) {
		new AdminBootstrap(this.service, this.store, new AdminProperties("ops", "a-long-ops-password")).run(null);
		Account ops = this.store.findByUsername("ops").orElseThrow();
		assertThat(ops.admin()).isTrue();
		assertThat(this.service.passwordMatches(ops.id(), "a-long-ops-password")).isTrue();
		assertThat(this.store.findByUsername("admin")).isEmpty();
		assertThat(output.getAll()).doesNotContain("a-long-ops-password");
	}

}
