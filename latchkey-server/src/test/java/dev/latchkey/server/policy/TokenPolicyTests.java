package dev.latchkey.server.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.MutableClock;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.mail.MailTestSupport;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.IssuedToken;
import dev.latchkey.server.token.TokenMetadata;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token policy over real HTTP: what admins may set, and that generating and regenerating
 * a token follows it.
 */
@LatchkeyTest
class TokenPolicyTests {

	private static final String POLICY = "/api/v1/admin/token-policy";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	TokenPolicyService policies;

	@Autowired
	AuditLog audit;

	@Autowired
	PolicyEnforcement enforcement;

	@Autowired
	TokenService tokens;

	@Autowired
	MailTestSupport mail;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	Http http;

	String admin;

	String manager;

	Account managerOwner;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		Account root = this.fixtures.admin();
		this.admin = this.fixtures.token(root, "admin", "tokens:write").secret().reveal();
		this.managerOwner = this.fixtures.user();
		this.manager = this.fixtures.token(this.managerOwner, "user", "tokens:write").secret().reveal();
	}

	@AfterEach
	void noPolicy() {
		// The test context is shared: leave no rules behind for other tests.
		this.policies.update(TokenPolicy.NONE);
		// And no mail about stopped tokens left pending or queued for other classes to find.
		this.enforcement.tellOwners();
		this.mail.sendAll();
	}

	@Test
	void createAndRegenerateWhenPolicySetThenFollowIt() {
		assertThat(put("{\"max_lifetime_days\":30,\"expiration_required\":true,"
				+ "\"allowed_scopes\":[\"user\",\"tokens:write\"],\"max_tokens_per_user\":2}").status()).isEqualTo(200);

		assertProblem(create("{\"name\":\"long\",\"scopes\":[\"user\"],\"expires_in_days\":60}"), "exceeds_policy");
		assertProblem(create("{\"name\":\"forever\",\"scopes\":[\"user\"]}"), "required_by_policy");
		assertProblem(create("{\"name\":\"notes\",\"scopes\":[\"notes:read\"],\"expires_in_days\":7}"),
				"not_allowed_by_policy");
		Response ok = create("{\"name\":\"fine\",\"scopes\":[\"user\"],\"expires_in_days\":30}");
		assertThat(ok.status()).isEqualTo(201);
		assertProblem(this.http.postJson("/api/v1/user/tokens/" + ok.json().get("id").asLong() + "/regenerate",
				"{\"expires_in_days\":90}", Http.bearer(this.manager)), "exceeds_policy");
		assertProblem(create("{\"name\":\"third\",\"scopes\":[\"user\"],\"expires_in_days\":7}"), "too_many_tokens");
	}

	@Test
	void createWhenAdminsOnlyThenUsersRefusedAndAdminsNot() {
		assertThat(put("{\"admins_only\":true}").status()).isEqualTo(200);

		PageSession user = new PageSession(this.port);
		user.signIn(this.managerOwner.username(), TestFixtures.PASSWORD);
		assertThat(user.submit("/settings/tokens/new", "/settings/tokens", "name=mine&scopes=user&expiration=7").body())
			.contains("allows personal access tokens for admins only");
		assertThat(create("{\"name\":\"mine\",\"scopes\":[\"user\"],\"expires_in_days\":7}").status())
			.as("the user's existing token stops too").isEqualTo(401);
		assertThat(this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"root-" + System.nanoTime() + "\",\"scopes\":[\"tokens:write\"],\"expires_in_days\":7}",
				Http.bearer(this.admin)).status()).isEqualTo(201);
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.POLICY_CHANGED, "root", null, null, 1)))
			.singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("admins_only", "true"));
	}

	@Test
	void useWhenTokenBreaksANewPolicyThenRefusedListedOwnerMailedAndBackWhenLifted() throws Exception {
		IssuedToken forever = this.fixtures.token(this.managerOwner, new Expiration.Never(), "user");
		assertThat(this.http.get("/api/v1/user", Http.bearer(forever.secret().reveal())).status()).isEqualTo(200);

		assertThat(put("{\"expiration_required\":true}").status()).isEqualTo(200);

		Response refused = this.http.get("/api/v1/user", Http.bearer(forever.secret().reveal()));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).contains("token policy");
		Response violations = this.http.get(POLICY + "/violations", Http.bearer(this.admin));
		assertThat(violations.body()).contains("\"owner\":\"" + this.managerOwner.username() + "\"",
				"tokens must have an expiration", forever.metadata().name());
		assertThat(violations.body()).doesNotContain(forever.secret().reveal());
		this.enforcement.tellOwners();
		this.mail.sendAll();
		assertThat(this.mail.deliveredTo(this.managerOwner.email()).getSubject())
			.isEqualTo("Some of your tokens no longer meet your admins' token policy");

		assertThat(put("{}").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/user", Http.bearer(forever.secret().reveal())).status()).isEqualTo(200);
	}

	@Test
	void policyChangeWhenOwnerHasManyStoppedTokensThenOneMailListsFiftyAndCountsTheRest() throws Exception {
		Account many = this.fixtures.user();
		for (int i = 0; i < 53; i++) {
			this.fixtures.token(many, new Expiration.Never(), "user");
		}
		Account next = this.fixtures.user();
		this.fixtures.token(next, new Expiration.Never(), "user");

		assertThat(put("{\"expiration_required\":true}").status()).isEqualTo(200);
		this.mail.sendAll();
		assertThat(this.mail.to(many.email())).as("told after the admin's request, not during it").isEmpty();

		assertThat(this.enforcement.tellOwners()).isGreaterThanOrEqualTo(2);
		this.mail.sendAll();
		List<MimeMessage> toMany = this.mail.to(many.email());
		assertThat(toMany).hasSize(1);
		String text = MailTestSupport.text(toMany.get(0));
		assertThat(text.lines().filter((line) -> line.startsWith("- \"")).count()).isEqualTo(50);
		assertThat(text).contains("- and 3 more");
		assertThat(this.mail.to(next.email())).as("the owner read after them is told too").hasSize(1);
	}

	@Test
	void regenerateWhenPolicyNoLongerAllowsTheScopesThenRefusedRatherThanRenewedIntoAToken401() {
		IssuedToken notes = this.fixtures.token(this.managerOwner, "notes:read");
		assertThat(put("{\"allowed_scopes\":[\"user\",\"tokens:write\"]}").status()).isEqualTo(200);

		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.tokens.regenerate(this.managerOwner.id(), notes.metadata().id(),
					new Expiration.InDays(7), null))
			.satisfies((ex) -> assertThat(ex.problems().get(0).code()).isEqualTo("not_allowed_by_policy"));
	}

	@Test
	void sanctionWhenPolicyLimitsSanctionedTokensThenFollowed() {
		Account delegate = this.fixtures.user();
		assertThat(put("{\"max_sanctioned_lifetime_days\":7}").status()).isEqualTo(200);
		String sanction = "{\"name\":\"%s\",\"scopes\":[\"user\"],%s\"sanction_for\":\"" + delegate.username() + "\"}";

		assertProblem(create(sanction.formatted("long", "\"expires_in_days\":30,")), "exceeds_policy");
		assertProblem(create(sanction.formatted("forever", "")), "required_by_policy");
		assertThat(create(sanction.formatted("week", "\"expires_in_days\":7,")).status()).isEqualTo(201);
		assertThat(create("{\"name\":\"own\",\"scopes\":[\"user\"],\"expires_in_days\":30}").status())
			.as("personal tokens keep their own limit").isEqualTo(201);
	}

	@Test
	void revokeUnusedWhenPolicySetThenIdleTokensGoAndUsedOnesStay() throws Exception {
		Account owner = this.fixtures.user();
		IssuedToken used = this.fixtures.token(owner, "user");
		IssuedToken neverUsed = this.fixtures.token(owner, "user");
		IssuedToken longUnused = this.fixtures.token(owner, "user");
		Instant now = this.clock.instant();
		backdate(used, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(1)));
		backdate(neverUsed, now.minus(Duration.ofDays(40)), null);
		backdate(longUnused, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(31)));
		assertThat(put("{\"revoke_unused_after_days\":30}").status()).isEqualTo(200);

		// Idle tokens other classes left in the shared database may go too; this owner's are the test.
		this.enforcement.revokeUnused();

		assertThat(this.tokens.list(owner.id())).extracting(TokenMetadata::id).containsExactly(used.metadata().id());
		assertThat(this.audit.find(new SecurityEventQuery(owner.id(), SecurityAction.TOKEN_AUTO_REVOKED, null, null,
				null, 10))).hasSize(2);
		this.mail.sendAll();
		assertThat(this.mail.to(owner.email())).extracting(MimeMessage::getSubject)
			.allMatch((subject) -> subject.contains("was revoked after 30 days unused"))
			.hasSize(2);
	}

	@Test
	void putWhenPolicyContradictsItselfOrNamesUnknownScopesThen422AndNothingChanges() {
		assertProblem(put("{\"max_lifetime_days\":30}"), "contradiction");
		assertProblem(put("{\"allowed_scopes\":[]}"), "contradiction");
		assertProblem(put("{\"allowed_scopes\":[\"repo\"]}"), "unknown");
		assertProblem(put("{\"max_lifetime_days\":0,\"expiration_required\":true}"), "out_of_range");
		assertProblem(put("{\"max_tokens_per_user\":-1}"), "out_of_range");
		assertProblem(put("{\"revoke_unused_after_days\":0}"), "out_of_range");
		assertProblem(put("{\"max_sanctioned_lifetime_days\":4000}"), "out_of_range");
		assertThat(put("[1, 2]").status()).isEqualTo(400);

		assertThat(this.policies.current()).isEqualTo(TokenPolicy.NONE);
		assertThat(this.http.get(POLICY, Http.bearer(this.manager)).status()).isEqualTo(403);
	}

	@Test
	void policyPageWhenContradictionThenErrorShownAndWhenValidThenSaved() {
		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");

		String refused = root.submit("/admin/policy", "/admin/policy", "maxLifetimeDays=30").body();
		assertThat(refused).contains("require an expiration too");
		root.submit("/admin/policy", "/admin/policy", "maxLifetimeDays=30&expirationRequired=true");
		assertThat(this.policies.current().maxLifetimeDays()).isEqualTo(30);
		assertThat(this.policies.current().expirationRequired()).isTrue();
	}

	private void backdate(IssuedToken token, Instant createdAt, @Nullable Instant lastUsedAt) {
		long id = token.metadata().id();
		this.jdbc.sql("UPDATE personal_access_tokens SET created_at = ? WHERE id = ?")
			.params(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), id)
			.update();
		this.jdbc.sql("DELETE FROM token_last_uses WHERE token_id = ?").param(id).update();
		if (lastUsedAt != null) {
			this.jdbc.sql("INSERT INTO token_last_uses (token_id, last_used_at) VALUES (?, ?)")
				.params(id, OffsetDateTime.ofInstant(lastUsedAt, ZoneOffset.UTC))
				.update();
		}
	}

	private Response put(String json) {
		return this.http.putJson(POLICY, json, Http.bearer(this.admin));
	}

	private Response create(String json) {
		return this.http.postJson("/api/v1/user/tokens", json, Http.bearer(this.manager));
	}

	private static void assertProblem(Response response, String code) {
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"" + code + "\"");
	}

}
