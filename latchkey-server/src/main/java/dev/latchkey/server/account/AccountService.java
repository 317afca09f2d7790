package dev.latchkey.server.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.latchkey.server.input.FieldProblem;
import dev.latchkey.server.input.InvalidInputException;

/**
 * Signing up and checking passwords.
 */
@Service
public class AccountService {

	/** GitHub's rule: letters and digits, single hyphens only between them. */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

	private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	static final int MIN_PASSWORD_LENGTH = 12;

	/** BCrypt reads at most 72 bytes; longer passwords would be silently cut, so refuse them. */
	static final int MAX_PASSWORD_BYTES = 72;

	private final AccountStore accounts;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	AccountService(AccountStore accounts, PasswordEncoder passwordEncoder, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates an account from a sign-up form.
	 * @throws InvalidInputException naming each field that breaks a rule
	 */
	public Account signUp(SignupForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		checkUsername(form.username(), problems);
		checkEmail(form.email(), problems);
		checkPassword(form.password(), "password", problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return create(form.username(), form.email(), form.password(), false);
	}

	/**
	 * Creates an account for someone who signed in through an identity provider for the first
	 * time: the username the provider suggests, made valid and unique; its email only when no
	 * other account has it (an account is never joined to another by email), verified only when
	 * the provider says so; and a random password nobody knows, so the provider is the way in.
	 */
	public Account createFromProvider(@Nullable String suggestedUsername, @Nullable String email,
			boolean emailVerified) {
		String username = uniqueUsername(suggestedUsername);
		String usable = (email != null && EMAIL.matcher(email).matches() && email.length() <= 254
				&& !this.accounts.emailExists(email)) ? email : null;
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		Account account = create(username, usable, java.util.Base64.getEncoder().encodeToString(random), false);
		this.accounts.forgetPassword(account.id());
		if (usable != null && emailVerified) {
			this.accounts.markEmailVerified(account.id(), usable, this.clock.instant());
		}
		return account;
	}

	/** A valid username close to the suggestion, with a number added when it is taken. */
	private String uniqueUsername(@Nullable String suggested) {
		String base = (suggested == null) ? "" : suggested.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (base.isEmpty()) {
			base = "user";
		}
		base = base.substring(0, Math.min(base.length(), 32)).replaceAll("-+$", "");
		String candidate = base;
		for (int n = 2; this.accounts.usernameExists(candidate); n++) {
			candidate = base + "-" + n;
		}
		return candidate;
	}

	/** Creates an account without the sign-up checks of email; for the first admin. */
	Account createAdmin(String username, String password) {
		List<FieldProblem> problems = new ArrayList<>();
		checkUsername(username, problems);
		checkPassword(password, "password", problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return create(username, null, password, true);
	}

	private Account create(String username, @Nullable String email, String password, boolean admin) {
		try {
			return this.accounts.create(username, email, this.passwordEncoder.encode(password), admin,
					this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			// Two sign-ups raced past the checks above; the database kept only one.
			throw new InvalidInputException("username", "taken", "That username or email is already taken.");
		}
	}

	/**
	 * Gives the account a new address, unverified until its owner follows the link mailed to it.
	 * @throws InvalidInputException if the address is malformed or another account's
	 */
	public void changeEmail(long accountId, @Nullable String email) {
		List<FieldProblem> problems = new ArrayList<>();
		checkEmail(email, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		try {
			this.accounts.changeEmail(accountId, email);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("email", "taken", "Email is already used by another account.");
		}
	}

	/** Whether the password is the account's, for confirming access. */
	public boolean passwordMatches(long accountId, String password) {
		return this.accounts.findPasswordHash(accountId)
			.map((hash) -> this.passwordEncoder.matches(password, hash))
			.orElse(false);
	}

	private void checkUsername(@Nullable String username, List<FieldProblem> problems) {
		if (username == null || username.isBlank()) {
			problems.add(new FieldProblem("username", "missing", "Username can't be blank."));
		}
		else if (username.length() > 39) {
			problems.add(new FieldProblem("username", "too_long", "Username is too long (at most 39 characters)."));
		}
		else if (!USERNAME.matcher(username).matches()) {
			problems.add(new FieldProblem("username", "invalid",
					"Username may only contain letters, digits and single hyphens, and cannot begin or end with a hyphen."));
		}
		else if (this.accounts.usernameExists(username)) {
			problems.add(new FieldProblem("username", "taken", "Username " + username + " is not available."));
		}
	}

	private void checkEmail(@Nullable String email, List<FieldProblem> problems) {
		if (email == null || email.isBlank()) {
			problems.add(new FieldProblem("email", "missing", "Email can't be blank."));
		}
		else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			problems.add(new FieldProblem("email", "invalid", "Email doesn't look like an email address."));
		}
		else if (this.accounts.emailExists(email)) {
			problems.add(new FieldProblem("email", "taken", "Email is already used by another account."));
		}
	}

	/** The rules of a password: long enough to resist guessing, short enough for bcrypt to read whole. */
	static void checkPassword(@Nullable String password, String field, List<FieldProblem> problems) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			problems.add(new FieldProblem(field, "too_short",
					"Password is too short (at least " + MIN_PASSWORD_LENGTH + " characters)."));
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			problems.add(new FieldProblem(field, "too_long",
					"Password is too long (at most " + MAX_PASSWORD_BYTES + " bytes)."));
		}
	}

}
