package dev.latchkey.server.twofactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP against the test vectors of RFC 6238, appendix B (SHA-1), cut to the six digits every
 * authenticator app shows, and recovery codes as users type them.
 */
class TotpTests {

	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
			"2000000000, 279037", "20000000000, 353130" })
	void codeWhenRfc6238VectorThenSameDigits(long epochSecond, String expected) {
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(epochSecond)))).isEqualTo(expected);
	}

	@Test
	void matchingStepWhenCodeOfNeighbouringStepThenAcceptedAndFartherOnesNot() {
		Instant now = Instant.ofEpochSecond(1_111_111_111);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step), now)).hasValue(step);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 2), now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 2), now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "", now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "12345", now)).isEmpty();
	}

	@Test
	void recoveryCodesWhenGeneratedThenTenDistinctAndReadLeniently() {
		var codes = RecoveryCodes.generate();

		assertThat(codes).hasSize(RecoveryCodes.COUNT).doesNotHaveDuplicates().allMatch((code) -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
		String code = codes.get(0);
		assertThat(RecoveryCodes.hash(" " + code.toUpperCase().replace("-", " ") + " ")).isEqualTo(RecoveryCodes.hash(code));
		assertThat(RecoveryCodes.looksLikeOne(code)).isTrue();
		assertThat(RecoveryCodes.looksLikeOne("123456")).isFalse();
		assertThat(RecoveryCodes.hash(code)).hasSize(64).doesNotContain(code);
	}

}
