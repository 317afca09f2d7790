package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSecretTests {

	private final TokenFormat format = TokenFormat.withDefaultPrefix();

	@Test
	void toStringWhenPrintedThenShowsOnlyKindAndLastFour() {
		TokenSecret secret = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		assertThat(secret.toString()).isEqualTo("lkp_…" + secret.lastFour()).doesNotContain(secret.reveal());
	}

	@Test
	void sha256WhenKnownInputThenMatchesReferenceDigest() {
		// echo -n abc | sha256sum
		assertThat(TokenSecret.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void equalsWhenSameValueThenEqualAndOtherwiseNot() {
		TokenSecret one = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		TokenSecret same = TokenSecret.parse(this.format, one.reveal()).orElseThrow();
		TokenSecret other = TokenSecret.generate(this.format, TokenKind.PERSONAL);
		assertThat(one).isEqualTo(same).isNotEqualTo(other);
	}

	@Test
	void parseWhenMalformedThenEmpty() {
		assertThat(TokenSecret.parse(this.format, "lkp_nope")).isEmpty();
	}

}
