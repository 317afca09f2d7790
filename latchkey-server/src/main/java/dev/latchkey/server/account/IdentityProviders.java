package dev.latchkey.server.account;

import java.util.List;

/**
 * The identity providers people may sign in with, for the sign-in page's buttons. Federation
 * knows them; the account's pages only show them.
 */
public interface IdentityProviders {

	/** None configured: the sign-in page shows no provider. */
	IdentityProviders NONE = List::of;

	List<Provider> list();

	/**
	 * One provider as the sign-in page names it.
	 *
	 * @param id its id, in {@code /oauth2/authorization/<id>}
	 * @param name what the button says after "Sign in with"
	 */
	record Provider(String id, String name) {
	}

}
