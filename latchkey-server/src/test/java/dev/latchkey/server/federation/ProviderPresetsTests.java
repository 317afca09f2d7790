package dev.latchkey.server.federation;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a preset fills in, and what a provider's own settings keep. No provider is asked. */
class ProviderPresetsTests {

	@Test
	void githubWhenPresetThenPlainOAuth2WithItsEndpointsLoginAsUsernameAndIdAsSubject() {
		ClientRegistration github = ProviderRegistrations
			.registration(provider("github", null, "preferred_username").withPreset());

		assertThat(github.getProviderDetails().getAuthorizationUri()).isEqualTo("https://github.com/login/oauth/authorize");
		assertThat(github.getProviderDetails().getTokenUri()).isEqualTo("https://github.com/login/oauth/access_token");
		assertThat(github.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo("https://api.github.com/user");
		assertThat(github.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName()).isEqualTo("id");
		assertThat(github.getScopes()).containsExactlyInAnyOrder("read:user", "user:email");
		assertThat(github.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
		assertThat(provider("github", null, "preferred_username").withPreset().usernameClaim()).isEqualTo("login");
	}

	@Test
	void oidcPresetsWhenSetThenTheirIssuerUnlessOneIsGiven() {
		assertThat(provider("google", null, "preferred_username").withPreset().issuerUri())
			.isEqualTo("https://accounts.google.com");
		assertThat(provider("gitlab", "https://gitlab.acme.example", "preferred_username").withPreset().issuerUri())
			.as("a self-hosted GitLab").isEqualTo("https://gitlab.acme.example");
		assertThat(provider("gitlab", null, "username").withPreset().usernameClaim()).as("its own claim kept")
			.isEqualTo("username");
	}

	@Test
	void presetWhenUnknownThenRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> provider("myspace", null, "preferred_username").withPreset())
			.withMessageContaining("github, gitlab or google");
	}

	private static IdentityProviderProperties.Provider provider(String preset, String issuer, String usernameClaim) {
		return new IdentityProviderProperties.Provider("p", "P", issuer, "client", "secret", List.of(), usernameClaim,
				null, null, null, "id", preset);
	}

}
