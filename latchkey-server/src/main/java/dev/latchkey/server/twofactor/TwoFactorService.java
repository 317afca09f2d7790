package dev.latchkey.server.twofactor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.Passkeys;
import dev.latchkey.server.account.SecondFactors;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.encryption.SecretBox;

/**
 * Turns two-factor authentication on and off, and checks second factors. A seed is opened
 * only to compute codes, never logged, and shown only while the app is being set up.
 */
@Service
class TwoFactorService implements SecondFactors {

	/** 160 bits, the seed length RFC 4226 recommends for HMAC-SHA1. */
	private static final int SEED_BYTES = 20;

	private final SecureRandom random = new SecureRandom();

	private final TwoFactorStore store;

	private final SecretBox box;

	private final AuditLog audit;

	private final Clock clock;

	private final Passkeys passkeys;

	TwoFactorService(TwoFactorStore store, SecretBox box, AuditLog audit, Clock clock, Passkeys passkeys) {
		this.store = store;
		this.box = box;
		this.audit = audit;
		this.clock = clock;
		this.passkeys = passkeys;
	}

	/** What an authenticator app needs to be set up, as text and as the URI its QR code holds. */
	record Setup(String secret, String uri) {

		@Override
		public String toString() {
			return "Setup[secret=(hidden)]";
		}

	}

	@Override
	public boolean enabled(long accountId) {
		return this.store.confirmed(accountId);
	}

	@Override
	public int unusedRecoveryCodes(long accountId) {
		return this.store.unusedRecoveryCodes(accountId);
	}

	/** Starts setting up an app with a fresh seed; false if one is on already. */
	@Transactional
	boolean begin(long accountId) {
		byte[] seed = new byte[SEED_BYTES];
		this.random.nextBytes(seed);
		return this.store.begin(accountId, this.box.seal(seed, context(accountId)), this.clock.instant());
	}

	/** The app being set up, if one is. */
	Optional<Setup> setup(long accountId, String username) {
		return this.store.find(accountId).filter((enrolment) -> !enrolment.confirmed()).map((enrolment) -> {
			String secret = new Base32().encodeToString(this.box.open(enrolment.sealedSeed(), context(accountId)));
			String label = URLEncoder.encode("Latchkey:" + username, StandardCharsets.UTF_8).replace("+", "%20");
			return new Setup(secret, "otpauth://totp/" + label + "?secret=" + secret
					+ "&issuer=Latchkey&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
		});
	}

	/**
	 * Turns two-factor authentication on, if the code comes from the app being set up.
	 * @return the recovery codes, to be shown this once; empty if the code was wrong
	 */
	@Transactional
	Optional<List<String>> confirm(long accountId, String code) {
		Optional<TwoFactorStore.Enrolment> enrolment = this.store.find(accountId)
			.filter((found) -> !found.confirmed());
		if (enrolment.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		OptionalLong step = Totp.matchingStep(this.box.open(enrolment.get().sealedSeed(), context(accountId)),
				code.strip(), now);
		if (step.isEmpty() || !this.store.confirm(accountId, step.getAsLong(), now)) {
			return Optional.empty();
		}
		List<String> codes = newRecoveryCodes(accountId);
		this.audit.record(SecurityAction.TWO_FACTOR_ENABLED, accountId, null, Map.of("method", "authenticator_app"));
		return Optional.of(codes);
	}

	/** A new set of recovery codes; the old ones stop working. Empty if two-factor is off. */
	@Transactional
	Optional<List<String>> regenerateRecoveryCodes(long accountId) {
		if (!enabled(accountId)) {
			return Optional.empty();
		}
		List<String> codes = newRecoveryCodes(accountId);
		this.audit.record(SecurityAction.RECOVERY_CODES_REGENERATED, accountId, null, Map.of());
		return Optional.of(codes);
	}

	/** Turns two-factor authentication off; false if it was off. */
	@Transactional
	boolean disable(long accountId) {
		boolean wasOn = enabled(accountId);
		this.store.remove(accountId);
		if (wasOn) {
			this.audit.record(SecurityAction.TWO_FACTOR_DISABLED, accountId, null, Map.of());
		}
		return wasOn;
	}

	/**
	 * An admin's reset for someone who lost their device: the app, the recovery codes and the
	 * passkeys go, since any of them may have been on it, and the password alone signs in.
	 * @return false if there was nothing to reset
	 */
	@Transactional
	boolean resetByAdmin(Account account) {
		boolean app = disable(account.id());
		int passkeys = this.passkeys.removeAll(account.username());
		if (!app && passkeys == 0) {
			return false;
		}
		this.audit.record(SecurityAction.TWO_FACTOR_RESET_BY_ADMIN, account.id(), null,
				Map.of("username", account.username(), "passkeys_removed", Integer.toString(passkeys)));
		return true;
	}

	@Override
	@Transactional
	public Optional<SecondFactor> verify(long accountId, String code) {
		Instant now = this.clock.instant();
		if (RecoveryCodes.looksLikeOne(code)) {
			if (!this.store.useRecoveryCode(accountId, RecoveryCodes.hash(code), now)) {
				return Optional.empty();
			}
			this.audit.record(SecurityAction.RECOVERY_CODE_USED, accountId, null,
					Map.of("remaining", Integer.toString(this.store.unusedRecoveryCodes(accountId))));
			return Optional.of(SecondFactor.RECOVERY_CODE);
		}
		Optional<TwoFactorStore.Enrolment> enrolment = this.store.find(accountId)
			.filter(TwoFactorStore.Enrolment::confirmed);
		if (enrolment.isEmpty()) {
			return Optional.empty();
		}
		String sealed = enrolment.get().sealedSeed();
		byte[] seed = this.box.open(sealed, context(accountId));
		OptionalLong step = Totp.matchingStep(seed, code.strip(), now);
		if (step.isEmpty() || !this.store.useStep(accountId, step.getAsLong())) {
			return Optional.empty();
		}
		if (this.box.sealedWithOldKey(sealed)) {
			this.store.reseal(accountId, sealed, this.box.seal(seed, context(accountId)));
		}
		return Optional.of(SecondFactor.AUTHENTICATOR_APP);
	}

	private List<String> newRecoveryCodes(long accountId) {
		List<String> codes = RecoveryCodes.generate();
		this.store.replaceRecoveryCodes(accountId, codes.stream().map(RecoveryCodes::hash).toList());
		return codes;
	}

	/** What a seed is sealed for: it opens for its own account only. */
	private static String context(long accountId) {
		return "totp-seed:" + accountId;
	}

}
