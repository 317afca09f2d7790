package dev.latchkey.server.account;

import java.security.SecureRandom;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure there is an admin: the one named by {@code LATCHKEY_ADMIN_USERNAME} and
 * {@code LATCHKEY_ADMIN_PASSWORD}, or on the very first start an {@code admin} with a
 * random password that is printed once to the console (not to the log, which may be
 * shipped elsewhere).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final AccountService service;

	private final AccountStore accounts;

	private final AdminProperties properties;

	AdminBootstrap(AccountService service, AccountStore accounts, AdminProperties properties) {
		this.service = service;
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String username = this.properties.username();
		String password = this.properties.password();
		if (username != null && !username.isBlank() && password != null) {
			if (this.accounts.findByUsername(username).isEmpty()) {
				this.service.createAdmin(username, password);
				System.out.println("Latchkey: created admin '" + username + "' from LATCHKEY_ADMIN_USERNAME.");
			}
			return;
		}
		if (!this.accounts.adminExists() && this.accounts.findByUsername("admin").isEmpty()) {
			String generated = randomPassword();
			this.service.createAdmin("admin", generated);
			System.out.println();
			System.out.println("  Latchkey created the first admin. Sign in with:");
			System.out.println("    username: admin");
			System.out.println("    password: " + generated);
			System.out.println("  This password is shown only this once.");
			System.out.println();
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
