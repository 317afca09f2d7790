package dev.latchkey.server.oauth;

import java.time.Instant;

/**
 * What is shown of a client secret after its one showing.
 *
 * @param id the secret's id
 * @param lastFour its last four characters
 * @param createdAt when it was generated
 */
public record ClientSecretInfo(long id, String lastFour, Instant createdAt) {

	public String redacted() {
		return "lkc_…" + this.lastFour;
	}

}
