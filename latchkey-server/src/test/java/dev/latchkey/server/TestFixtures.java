package dev.latchkey.server;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

/**
 * Makes users and tokens through the real services, each with a fresh name so tests that
 * share a database never collide.
 */
@TestComponent
public class TestFixtures {

	public static final String PASSWORD = "correct horse battery";

	private static final AtomicInteger counter = new AtomicInteger();

	private final AccountService accounts;

	private final TokenService tokens;

	private final AccountStore store;

	TestFixtures(AccountService accounts, TokenService tokens, AccountStore store) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.store = store;
	}

	/** The admin the test profile makes at start ({@code root}). */
	public Account admin() {
		return this.store.findByUsername("root").orElseThrow();
	}

	/** A user whose email is verified, as most users' are: mail to them is sent. */
	public Account user() {
		Account account = unverifiedUser();
		this.store.markEmailVerified(account.id(), account.email(), Instant.now());
		return this.store.findById(account.id()).orElseThrow();
	}

	/** A user who has just signed up and not yet followed the verification link. */
	public Account unverifiedUser() {
		String name = "user-" + counter.incrementAndGet() + "-" + System.nanoTime() % 100000;
		return this.accounts.signUp(new SignupForm(name, name + "@example.com", PASSWORD));
	}

	public IssuedToken token(Account owner, String... scopes) {
		return token(owner, new Expiration.InDays(30), scopes);
	}

	public IssuedToken token(Account owner, Expiration expiration, String... scopes) {
		return this.tokens.create(new TokenService.Owner(owner.id(), owner.admin()),
				new TokenRequest("token-" + counter.incrementAndGet(), null, List.of(scopes), expiration), null);
	}

}
