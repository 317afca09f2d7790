package dev.latchkey.server.federation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity providers people may sign in with ({@code latchkey.identity-providers[N]}).
 *
 * @param identityProviders each provider, in the order the sign-in page shows them
 */
@ConfigurationProperties("latchkey")
public record IdentityProviderProperties(@DefaultValue List<Provider> identityProviders) {

	/**
	 * One provider.
	 *
	 * @param id its id, in URLs ({@code /oauth2/authorization/<id>}, {@code /login/oauth2/code/<id>})
	 * @param name what the sign-in button names
	 * @param issuerUri an OpenID Connect provider's issuer, whose discovery document gives the rest
	 * @param clientId Latchkey's client id at the provider
	 * @param clientSecret Latchkey's client secret there
	 * @param scopes the scopes to ask for; by default {@code openid profile email} (OIDC)
	 * @param usernameClaim the claim a new account's username comes from; {@code preferred_username} by default
	 * @param authorizationUri for a plain OAuth 2 provider, its authorization endpoint
	 * @param tokenUri for a plain OAuth 2 provider, its token endpoint
	 * @param userInfoUri for a plain OAuth 2 provider, the address that says who the user is
	 * @param subjectClaim for a plain OAuth 2 provider, the user-info field that never changes for a
	 * user ({@code id} by default); OIDC providers use {@code sub}
	 * @param preset {@code github}, {@code gitlab} or {@code google}: the provider's addresses and
	 * claims filled in, so only the id, name and client remain to set
	 */
	public record Provider(String id, String name, @Nullable String issuerUri, String clientId,
			@Nullable String clientSecret, @DefaultValue List<String> scopes,
			@DefaultValue("preferred_username") String usernameClaim, @Nullable String authorizationUri,
			@Nullable String tokenUri, @Nullable String userInfoUri, @DefaultValue("id") String subjectClaim,
			@Nullable String preset) {

		/** The provider with its preset's addresses and claims where it sets none of its own. */
		public Provider withPreset() {
			if (this.preset == null) {
				return this;
			}
			return switch (this.preset.toLowerCase(java.util.Locale.ROOT)) {
				// GitHub has no OpenID Connect for sign-in: plain OAuth 2, with the user's numeric id as subject.
				case "github" -> new Provider(this.id, this.name, null, this.clientId, this.clientSecret,
						this.scopes.isEmpty() ? List.of("read:user", "user:email") : this.scopes,
						"preferred_username".equals(this.usernameClaim) ? "login" : this.usernameClaim,
						or(this.authorizationUri, "https://github.com/login/oauth/authorize"),
						or(this.tokenUri, "https://github.com/login/oauth/access_token"),
						or(this.userInfoUri, "https://api.github.com/user"), this.subjectClaim, null);
				case "gitlab" -> withIssuer("https://gitlab.com", "nickname");
				case "google" -> withIssuer("https://accounts.google.com", "email");
				default -> throw new IllegalArgumentException("Unknown identity provider preset " + this.preset
						+ " for " + this.id + ": use github, gitlab or google");
			};
		}

		private Provider withIssuer(String issuer, String presetUsernameClaim) {
			return new Provider(this.id, this.name, or(this.issuerUri, issuer), this.clientId, this.clientSecret,
					this.scopes, "preferred_username".equals(this.usernameClaim) ? presetUsernameClaim : this.usernameClaim,
					this.authorizationUri, this.tokenUri, this.userInfoUri, this.subjectClaim, null);
		}

		private static String or(@Nullable String value, String otherwise) {
			return (value != null) ? value : otherwise;
		}

		@Override
		public String toString() {
			return "Provider[id=" + this.id + ", name=" + this.name + "]";
		}

	}

}
