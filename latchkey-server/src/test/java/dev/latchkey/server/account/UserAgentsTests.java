package dev.latchkey.server.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | Chrome on Linux
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0 | Edge on Windows
			Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15 | Safari on macOS
			Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox on Linux
			Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1 | Safari on iOS
			Java-http-client/17.0.13 | Java
			something else entirely | Unknown browser
			""")
	void describeWhenACommonBrowserThenItsNameAndSystem(String userAgent, String described) {
		assertThat(UserAgents.describe(userAgent)).isEqualTo(described);
	}

	@ParameterizedTest
	@CsvSource(value = { "''", "'   '" })
	void describeWhenMissingThenUnknown(String userAgent) {
		assertThat(UserAgents.describe(userAgent)).isEqualTo("Unknown browser");
		assertThat(UserAgents.describe(null)).isEqualTo("Unknown browser");
	}

}
