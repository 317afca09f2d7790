package dev.latchkey.server.config;

/**
 * The other nodes of a cluster, told what this node changed so that they forget it from their
 * caches too. Caches get it in their constructor; the cluster implements it, and on a single
 * node it tells no one.
 */
public interface PeerNodes {

	/** Nobody to tell: one node, or a cache that must stay local (tests, benchmarks). */
	PeerNodes NONE = (cache, key) -> {
	};

	/** The caches whose entries other nodes may hold. */
	enum Cache {

		/** Checked access tokens, by hash. */
		TOKEN,

		/** OAuth clients, by client id. */
		CLIENT,

		/** Everything of one account, by account id. */
		ACCOUNT

	}

	/** Tells the other nodes to forget an entry; called after the change is committed. */
	void forget(Cache cache, String key);

}
