package dev.latchkey.server.twofactor;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PostgresTestBase;
import dev.latchkey.server.TestDatabases;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.SecondFactors.SecondFactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-factor storage on PostgreSQL: the sealed seed, the conditional updates that make each
 * code work once, and the recovery-code hashes.
 */
class TwoFactorPostgresTests extends PostgresTestBase {

	@Autowired
	TwoFactorService twoFactor;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MutableClock clock;

	@Autowired
	DataSource dataSource;

	@Autowired
	TwoFactorPolicy policy;

	@Test
	void twoFactorWhenOnPostgresThenSealedAndEachCodeWorksOnce() throws Exception {
		Account user = this.fixtures.user();
		assertThat(this.twoFactor.begin(user.id())).isTrue();
		String secret = this.twoFactor.setup(user.id(), user.username()).orElseThrow().secret();
		byte[] seed = new Base32().decode(secret);
		long step = Totp.step(this.clock.instant());

		List<String> codes = this.twoFactor.confirm(user.id(), Totp.code(seed, step)).orElseThrow();

		assertThat(this.twoFactor.enabled(user.id())).isTrue();
		assertThat(this.twoFactor.begin(user.id())).as("on already").isFalse();
		assertThat(this.twoFactor.verify(user.id(), Totp.code(seed, step))).as("used to turn it on").isEmpty();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String next = Totp.code(seed, step + 1);
		assertThat(this.twoFactor.verify(user.id(), next)).hasValue(SecondFactor.AUTHENTICATOR_APP);
		assertThat(this.twoFactor.verify(user.id(), next)).isEmpty();
		assertThat(this.twoFactor.verify(user.id(), codes.get(3))).hasValue(SecondFactor.RECOVERY_CODE);
		assertThat(this.twoFactor.verify(user.id(), codes.get(3))).isEmpty();
		assertThat(this.twoFactor.unusedRecoveryCodes(user.id())).isEqualTo(9);
		String everything = TestDatabases.dumpAllValues(this.dataSource);
		assertThat(everything).doesNotContain(secret);
		assertThat(codes).noneMatch(everything::contains);

		this.policy.change(TwoFactorPolicy.RequiredOf.EVERYONE, 3, this.fixtures.admin().id());
		try {
			assertThat(this.policy.standing(user.id(), false)).as("has it").isInstanceOf(TwoFactorPolicy.Standing.Free.class);
			assertThat(this.policy.standing(this.fixtures.user().id(), false))
				.isInstanceOf(TwoFactorPolicy.Standing.Grace.class);
			this.clock.advance(Duration.ofDays(4));
			assertThat(this.policy.standing(this.fixtures.user().id(), false))
				.isInstanceOf(TwoFactorPolicy.Standing.Required.class);
		}
		finally {
			this.policy.change(TwoFactorPolicy.RequiredOf.NONE, 7, this.fixtures.admin().id());
		}

		assertThat(this.twoFactor.disable(user.id())).isTrue();
		assertThat(this.twoFactor.enabled(user.id())).isFalse();
		assertThat(this.twoFactor.verify(user.id(), codes.get(4))).isEmpty();
	}

}
