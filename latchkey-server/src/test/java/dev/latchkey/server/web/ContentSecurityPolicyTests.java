package dev.latchkey.server.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSecurityPolicyTests {

	@Test
	void allowingRedirectsToWhenWebAndNativeCallbacksThenTheirOriginsAndSchemesOnlyInFormAction() {
		String policy = ContentSecurityPolicy.allowingRedirectsTo(List.of("https://app.example:8443/oauth/callback?x=1",
				"http://127.0.0.1:9000/cb", "https://app.example:8443/other", "com.example.app:/callback"));
		assertThat(policy).startsWith(ContentSecurityPolicy.DEFAULT)
			.endsWith("form-action 'self' https://app.example:8443 http://127.0.0.1:9000 com.example.app:");
	}

	@Test
	void allowingRedirectsToWhenNothingUsableThenTheDefault() {
		assertThat(ContentSecurityPolicy.allowingRedirectsTo(List.of("/relative", "https://exa mple/;script-src *")))
			.isEqualTo(ContentSecurityPolicy.DEFAULT);
	}

}
