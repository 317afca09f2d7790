package dev.latchkey.server.federation;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.latchkey.server.account.IdentityProviders;

/** What the account's pages show of the providers: the buttons, and the identities an account has linked. */
@Component
class FederatedIdentities implements IdentityProviders {

	private final ProviderRegistrations providers;

	private final LinkedIdentities identities;

	FederatedIdentities(ProviderRegistrations providers, LinkedIdentities identities) {
		this.providers = providers;
		this.identities = identities;
	}

	@Override
	public List<Provider> list() {
		return this.providers.all().stream().map((provider) -> new Provider(provider.id(), provider.name())).toList();
	}

	@Override
	public List<Linked> linkedTo(long accountId) {
		return this.identities.ofAccount(accountId)
			.stream()
			.map((identity) -> new Linked(identity.providerId(),
					this.providers.provider(identity.providerId())
						.map(IdentityProviderProperties.Provider::name)
						.orElse(identity.providerId()),
					identity.username(), identity.linkedAt(), identity.lastUsedAt()))
			.toList();
	}

}
