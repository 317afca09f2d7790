package dev.latchkey.client;

import java.util.Optional;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenFormatTests {

	private final TokenFormat format = TokenFormat.withDefaultPrefix();

	@Example
	void generateWhenPersonalThenMatchesPublishedRegexAndIs40Long() {
		String token = this.format.generate(TokenKind.PERSONAL);
		assertThat(token).hasSize(40).startsWith("lkp_");
		assertThat(Pattern.matches(this.format.regex(TokenKind.PERSONAL), token)).isTrue();
		assertThat(this.format.regex(TokenKind.PERSONAL)).isEqualTo("^lkp_[0-9A-Za-z]{36}$");
	}

	@Example
	void parseWhenGeneratedThenKindIsKnown() {
		for (TokenKind kind : TokenKind.values()) {
			assertThat(this.format.parse(this.format.generate(kind))).contains(kind);
		}
	}

	@Example
	void parseWhenChecksumKnownThenMatchesCrc32InBase62() {
		// The checksum is CRC32 of the ASCII bytes in Base62, worked out here apart from TokenFormat.
		String body = "lkp_" + "0".repeat(30);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		String checksum = base62(crc.getValue());
		assertThat(this.format.parse(body + checksum)).contains(TokenKind.PERSONAL);
	}

	@Example
	void parseWhenOtherPrefixThenEmpty() {
		String token = new TokenFormat("acme").generate(TokenKind.PERSONAL);
		assertThat(token).startsWith("acmep_");
		assertThat(this.format.parse(token)).isEmpty();
	}

	@Example
	void parseWhenGarbageThenEmpty() {
		assertThat(this.format.parse("")).isEmpty();
		assertThat(this.format.parse("x".repeat(10_000))).isEmpty();
		assertThat(this.format.parse("lkp_" + "é".repeat(36))).isEmpty();
		assertThat(this.format.parse("lkx_" + "0".repeat(36))).isEmpty();
	}

	@Example
	void constructorWhenPrefixInvalidThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenFormat("LK"));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenFormat(""));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenFormat("a_b"));
	}

	@Property(tries = 2000)
	void parseWhenAnySingleCharacterChangedThenRejected(@ForAll("tokens") String token,
			@ForAll @IntRange(min = 0, max = 39) int position, @ForAll("base62OrOther") char replacement) {
		char[] chars = token.toCharArray();
		if (chars[position] == replacement) {
			return;
		}
		chars[position] = replacement;
		assertThat(this.format.parse(new String(chars))).isEqualTo(Optional.empty());
	}

	@Provide
	Arbitrary<String> tokens() {
		return Arbitraries.of(TokenKind.values()).map(this.format::generate);
	}

	@Provide
	Arbitrary<Character> base62OrOther() {
		return Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(9, Arbitraries.chars().alpha().numeric()),
				net.jqwik.api.Tuple.of(1, Arbitraries.chars().ascii()));
	}

	private static String base62(long value) {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			out.insert(0, alphabet.charAt((int) (value % 62)));
			value /= 62;
		}
		return out.toString();
	}

}
