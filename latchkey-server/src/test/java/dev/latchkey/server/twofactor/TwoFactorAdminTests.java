package dev.latchkey.server.twofactor;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.Passkeys;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What admins do about sign-in security: require two-factor authentication (a grace period,
 * then no page and no new token without it), reset a user's second factor, force a password
 * reset. Each through the admin pages, in sudo mode, as root.
 */
@LatchkeyTest
class TwoFactorAdminTests {

	private static final String ROOT_PASSWORD = "root-password-for-tests";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	TwoFactorService twoFactor;

	@Autowired
	TwoFactorPolicy policy;

	@Autowired
	MutableClock clock;

	@Autowired
	AuditLog audit;

	@Autowired
	MailTestSupport mail;

	@Autowired
	Passkeys passkeys;

	@Autowired
	PublicKeyCredentialUserEntityRepository passkeyUsers;

	@Autowired
	UserCredentialRepository passkeyCredentials;

	PageSession root;

	@BeforeEach
	void signInAsRoot() {
		this.root = new PageSession(this.port);
		this.root.signIn("root", ROOT_PASSWORD);
	}

	@AfterEach
	void requireNobody() {
		// Every test class shares the database: no other may inherit the requirement.
		this.policy.change(TwoFactorPolicy.RequiredOf.NONE, 7, this.fixtures.admin().id());
	}

	@Test
	void requirementWhenGracePeriodOverThenPagesAndNewTokensWaitForTwoFactor() {
		Account user = this.fixtures.user();
		String token = this.fixtures.token(user, "user", "tokens:write").secret().reveal();
		PageSession page = new PageSession(this.port);
		page.signIn(user.username(), TestFixtures.PASSWORD);
		assertThat(page.get("/settings/tokens").body()).doesNotContain("require two-factor authentication");

		assertThat(this.root.submit("/admin/two-factor", "/admin/two-factor", "required_of=everyone&grace_days=7")
			.statusCode()).isEqualTo(302);

		assertThat(page.get("/settings/tokens").body()).as("a banner in the grace period")
			.contains("Your admins require two-factor authentication.");
		this.clock.advance(Duration.ofDays(8));
		assertThat(page.get("/settings/tokens").headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/settings/security?required"));
		assertThat(page.get("/settings/security").statusCode()).isEqualTo(200);
		Http.Response refused = new Http(this.port).postJson("/api/v1/user/tokens",
				"{\"name\":\"new\",\"scopes\":[\"user\"],\"expires_in_days\":7}", Http.bearer(token));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("two_factor_required");
		assertThat(new Http(this.port).get("/api/v1/user", Http.bearer(token)).status())
			.as("tokens made before keep working").isEqualTo(200);

		enable(user);
		assertThat(page.get("/settings/tokens").statusCode()).isEqualTo(200);
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.TWO_FACTOR_POLICY_CHANGED, null, null,
				null, 10))).isNotEmpty();
	}

	@Test
	void resetWhenAdminResetsSecondFactorThenAppCodesAndPasskeysGoAndThePasswordAloneSignsIn() {
		Account user = this.fixtures.user();
		enable(user);
		addPasskey(user);
		assertThat(this.passkeys.of(user.username())).hasSize(1);

		this.root.submit("/admin/users/" + user.username(), "/admin/users/" + user.username() + "/two-factor/reset", "");

		assertThat(this.twoFactor.enabled(user.id())).isFalse();
		assertThat(this.twoFactor.unusedRecoveryCodes(user.id())).isZero();
		assertThat(this.passkeys.of(user.username())).as("the lost device may hold a passkey").isEmpty();
		assertThat(new PageSession(this.port).signIn(user.username(), TestFixtures.PASSWORD)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/settings/tokens"));
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), SecurityAction.TWO_FACTOR_RESET_BY_ADMIN, null,
				null, null, 10))).hasSize(1);
	}

	@Test
	void forcedPasswordResetWhenDoneThenPasswordFailsSessionsEndAndALinkIsMailed() throws Exception {
		Account user = this.fixtures.user();
		PageSession page = new PageSession(this.port);
		page.signIn(user.username(), TestFixtures.PASSWORD);

		this.root.submit("/admin/users/" + user.username(), "/admin/users/" + user.username() + "/password-reset", "");

		assertThat(page.get("/settings/tokens").statusCode()).as("signed out").isEqualTo(302);
		assertThat(new PageSession(this.port).signIn(user.username(), TestFixtures.PASSWORD)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		this.mail.sendAll();
		Matcher link = Pattern.compile("/password_reset/[A-Za-z0-9_-]+")
			.matcher(MailTestSupport.text(this.mail.deliveredTo(user.email())));
		assertThat(link.find()).isTrue();
		assertThat(this.audit.find(new SecurityEventQuery(user.id(), SecurityAction.PASSWORD_RESET_FORCED, null, null,
				null, 10))).hasSize(1);
	}

	/** A passkey as a browser would have registered it; only its presence matters here. */
	private void addPasskey(Account user) {
		Bytes handle = Bytes.random();
		this.passkeyUsers.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.id(handle)
			.name(user.username())
			.displayName(user.username())
			.build());
		this.passkeyCredentials.save(ImmutableCredentialRecord.builder()
			.credentialId(Bytes.random())
			.userEntityUserId(handle)
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3 }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of(AuthenticatorTransport.INTERNAL))
			.backupEligible(false)
			.backupState(false)
			.created(Instant.now())
			.lastUsed(Instant.now())
			.label("Phone")
			.build());
	}

	private void enable(Account user) {
		this.twoFactor.begin(user.id());
		byte[] seed = new Base32().decode(this.twoFactor.setup(user.id(), user.username()).orElseThrow().secret());
		assertThat(this.twoFactor.confirm(user.id(), Totp.code(seed, Totp.step(this.clock.instant())))).isPresent();
	}

}
