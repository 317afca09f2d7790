package dev.latchkey.server.account;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The identity providers people may sign in with, for the sign-in page's buttons. Federation
 * knows them; the account's pages only show them.
 */
public interface IdentityProviders {

	/** None configured: the sign-in page shows no provider. */
	IdentityProviders NONE = new IdentityProviders() {

		@Override
		public List<Provider> list() {
			return List.of();
		}

		@Override
		public List<Linked> linkedTo(long accountId) {
			return List.of();
		}

	};

	List<Provider> list();

	/** The identities at the providers that sign in to an account. */
	List<Linked> linkedTo(long accountId);

	/**
	 * An identity at a provider that signs in to an account.
	 *
	 * @param providerId the provider's id
	 * @param providerName the provider's name
	 * @param username the user's name there, when the provider gave one
	 * @param linkedAt when it was linked
	 * @param lastUsedAt when it last signed in
	 */
	record Linked(String providerId, String providerName, @Nullable String username, Instant linkedAt,
			@Nullable Instant lastUsedAt) {
	}

	/**
	 * One provider as the sign-in page names it.
	 *
	 * @param id its id, in {@code /oauth2/authorization/<id>}
	 * @param name what the button says after "Sign in with"
	 */
	record Provider(String id, String name) {
	}

}
