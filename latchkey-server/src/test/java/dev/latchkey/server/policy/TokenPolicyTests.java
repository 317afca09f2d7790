package dev.latchkey.server.policy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http;
import dev.latchkey.server.Http.Response;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEventQuery;

import static org.assertj.core.api.Assertions.assertThat;

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

	Http http;

	String admin;

	String manager;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		Account root = this.fixtures.admin();
		this.admin = this.fixtures.token(root, "admin", "tokens:write").secret().reveal();
		this.manager = this.fixtures.token(this.fixtures.user(), "user", "tokens:write").secret().reveal();
	}

	@AfterEach
	void noPolicy() {
		// The test context is shared: leave no rules behind for other tests.
		this.policies.update(TokenPolicy.NONE);
	}

	@Test
	void createAndRegenerateWhenPolicySetThenFollowIt() {
		assertThat(put("{\"max_lifetime_days\":30,\"expiration_required\":true,\"allowed_scopes\":[\"user\"],"
				+ "\"max_tokens_per_user\":2}").status()).isEqualTo(200);

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

		assertProblem(create("{\"name\":\"mine\",\"scopes\":[\"user\"],\"expires_in_days\":7}"), "admins_only");
		assertThat(this.http.postJson("/api/v1/user/tokens",
				"{\"name\":\"root-" + System.nanoTime() + "\",\"scopes\":[\"tokens:write\"],\"expires_in_days\":7}",
				Http.bearer(this.admin)).status()).isEqualTo(201);
		assertThat(this.audit.find(new SecurityEventQuery(null, SecurityAction.POLICY_CHANGED, "root", null, null, 1)))
			.singleElement()
			.satisfies((event) -> assertThat(event.details()).containsEntry("admins_only", "true"));
	}

	@Test
	void putWhenPolicyContradictsItselfOrNamesUnknownScopesThen422AndNothingChanges() {
		assertProblem(put("{\"max_lifetime_days\":30}"), "contradiction");
		assertProblem(put("{\"allowed_scopes\":[]}"), "contradiction");
		assertProblem(put("{\"allowed_scopes\":[\"repo\"]}"), "unknown");
		assertProblem(put("{\"max_lifetime_days\":0,\"expiration_required\":true}"), "out_of_range");
		assertProblem(put("{\"max_tokens_per_user\":-1}"), "out_of_range");
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
