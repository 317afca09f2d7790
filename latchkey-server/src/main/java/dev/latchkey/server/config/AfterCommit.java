package dev.latchkey.server.config;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a cache eviction once the surrounding transaction has committed, or at once outside
 * one. Evicting before the commit would let a concurrent cache miss load the old row again
 * and keep it for the cache's lifetime.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	public static void run(Runnable eviction) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					eviction.run();
				}
			});
		}
		else {
			eviction.run();
		}
	}

}
