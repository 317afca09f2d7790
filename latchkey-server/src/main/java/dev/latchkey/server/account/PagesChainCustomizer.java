package dev.latchkey.server.account;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A feature's part of the pages' security chain (passkeys add their endpoints this way),
 * applied before the chain is built.
 */
@FunctionalInterface
public interface PagesChainCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
