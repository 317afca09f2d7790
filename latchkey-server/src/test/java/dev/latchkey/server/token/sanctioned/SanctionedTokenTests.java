package dev.latchkey.server.token.sanctioned;

import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.latchkey.server.Http.Response;
import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.TestFixtures;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.audit.SecurityEvent;
import dev.latchkey.server.audit.SecurityEventQuery;
import dev.latchkey.server.mail.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sanctioned tokens over real HTTP: the owner issues one for a delegate, who is mailed,
 * accepts, and alone sees the value; it acts on the owner's data until either of them revokes
 * it or either account is suspended.
 */
@LatchkeyTest
class SanctionedTokenTests {

	private static final String HELD = "/api/v1/user/sanctioned-tokens";

	@LocalServerPort
	int port;

	@Autowired
	TestFixtures fixtures;

	@Autowired
	MailTestSupport mail;

	@Autowired
	AuditLog audit;

	Http http;

	Account owner;

	Account delegate;

	String ownerManager;

	String delegateManager;

	String admin;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.owner = this.fixtures.user();
		this.delegate = this.fixtures.user();
		this.ownerManager = this.fixtures.token(this.owner, "user", "tokens:write", "notes:read").secret().reveal();
		this.delegateManager = this.fixtures.token(this.delegate, "tokens:write").secret().reveal();
		this.admin = this.fixtures.token(this.fixtures.admin(), "admin").secret().reveal();
	}

	@Test
	void sanctionedTokenWhenAcceptedThenOnlyTheDelegateSeesItAndItActsForTheOwner() throws Exception {
		Response issued = sanction("for the delegate", "user", "notes:read");

		assertThat(issued.status()).isEqualTo(201);
		assertThat(issued.json().has("token")).as("the owner never sees the value").isFalse();
		assertThat(issued.json().get("sanctioned_for").asString()).isEqualTo(this.delegate.username());
		assertThat(issued.json().has("accepted_at")).isFalse();
		this.mail.sendAll();
		MimeMessage told = this.mail.deliveredTo(this.delegate.email());
		assertThat(told.getSubject()).isEqualTo(this.owner.username() + " sanctioned a token for you");
		assertThat(MailTestSupport.text(told)).contains("/settings/tokens/sanctioned", "user, notes:read")
			.doesNotContain("lkp_");

		Response waiting = this.http.get(HELD, Http.bearer(this.delegateManager));
		assertThat(waiting.json().get(0).get("owner").asString()).isEqualTo(this.owner.username());
		long id = waiting.json().get(0).get("id").asLong();
		Response accepted = this.http.postJson(HELD + "/" + id + "/accept", "", Http.bearer(this.delegateManager));
		assertThat(accepted.status()).isEqualTo(200);
		String token = accepted.json().get("token").asString();
		assertThat(token).matches("^lkp_[0-9A-Za-z]{36}$");

		Response me = this.http.get("/api/v1/user", Http.bearer(token));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(this.owner.username());
		Response shown = this.http.get("/api/v1/user/tokens/" + id, Http.bearer(this.ownerManager));
		assertThat(shown.json().get("accepted_at").asString()).isNotBlank();
		assertThat(shown.json().has("token")).isFalse();
		assertThat(this.http.postJson(HELD + "/" + id + "/accept", "", Http.bearer(this.delegateManager)).status())
			.as("accepted once only").isEqualTo(404);
		assertThat(actions(this.owner)).contains(SecurityAction.SANCTIONED_TOKEN_ISSUED,
				SecurityAction.SANCTIONED_TOKEN_ACCEPTED);
		assertThat(actions(this.delegate)).contains(SecurityAction.SANCTIONED_TOKEN_ISSUED,
				SecurityAction.SANCTIONED_TOKEN_ACCEPTED);
	}

	@Test
	void sanctionedTokenWhenEitherSideRevokesThenItStops() {
		String first = acceptedToken("revoked by delegate");
		String second = acceptedToken("revoked by owner");

		long firstId = this.http.get("/api/v1/tokens/self", Http.bearer(first)).json().get("id").asLong();
		long secondId = this.http.get("/api/v1/tokens/self", Http.bearer(second)).json().get("id").asLong();
		assertThat(this.http.delete(HELD + "/" + firstId, Http.bearer(this.delegateManager)).status()).isEqualTo(204);
		assertThat(this.http.delete("/api/v1/user/tokens/" + secondId, Http.bearer(this.ownerManager)).status())
			.isEqualTo(204);

		assertThat(this.http.get("/api/v1/user", Http.bearer(first)).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/user", Http.bearer(second)).status()).isEqualTo(401);
		assertThat(actions(this.owner)).contains(SecurityAction.SANCTIONED_TOKEN_REVOKED);
	}

	@Test
	void sanctionedTokenWhenDelegateOrOwnerSuspendedThenItStops() {
		String token = acceptedToken("suspension");
		assertThat(this.http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);

		suspend(this.delegate, true);
		assertThat(this.http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(401);
		suspend(this.delegate, false);
		assertThat(this.http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(200);
		suspend(this.owner, true);
		assertThat(this.http.get("/api/v1/user", Http.bearer(token)).status()).isEqualTo(401);
		suspend(this.owner, false);
	}

	@Test
	void sanctionedTokenWhenWaitingThenOwnerCantRegenerateIt() {
		long id = sanction("waiting", "user").json().get("id").asLong();

		Response regenerate = this.http.postJson("/api/v1/user/tokens/" + id + "/regenerate", "",
				Http.bearer(this.ownerManager));

		assertThat(regenerate.status()).isEqualTo(422);
		assertThat(regenerate.json().get("errors").get(0).get("code").asString()).isEqualTo("sanctioned");
	}

	@Test
	void sanctionWhenDelegateUnknownOrSelfOrScopesManageTheAccountThenRefusedAndNothingStored() {
		assertThat(code(sanctionFor("nobody-" + System.nanoTime(), "a", "user"))).isEqualTo("unknown");
		assertThat(code(sanctionFor(this.owner.username(), "b", "user"))).isEqualTo("self");
		assertThat(code(sanctionFor(this.delegate.username(), "c", "tokens:write"))).isEqualTo("not_for_delegates");
		assertThat(code(sanctionFor(this.delegate.username(), "d", "admin"))).isEqualTo("not_grantable");

		assertThat(this.http.get("/api/v1/user/tokens", Http.bearer(this.ownerManager)).body()).doesNotContain(
				"\"name\":\"a\"", "\"name\":\"b\"", "\"name\":\"c\"", "\"name\":\"d\"");
		assertThat(this.http.get(HELD, Http.bearer(this.delegateManager)).json().size()).isZero();
	}

	private String acceptedToken(String name) {
		long id = sanction(name, "user").json().get("id").asLong();
		return this.http.postJson(HELD + "/" + id + "/accept", "", Http.bearer(this.delegateManager))
			.json()
			.get("token")
			.asString();
	}

	private Response sanction(String name, String... scopes) {
		return sanctionFor(this.delegate.username(), name, scopes);
	}

	private Response sanctionFor(String delegate, String name, String... scopes) {
		String list = String.join("\", \"", scopes);
		return this.http.postJson("/api/v1/user/tokens", """
				{"name": "%s", "scopes": ["%s"], "expires_in_days": 7, "sanction_for": "%s"}""".formatted(name, list,
				delegate), Http.bearer(this.ownerManager));
	}

	private void suspend(Account account, boolean suspended) {
		String path = "/api/v1/admin/users/" + account.username() + "/suspended";
		Response response = suspended ? this.http.put(path, Http.bearer(this.admin))
				: this.http.delete(path, Http.bearer(this.admin));
		assertThat(response.status()).isEqualTo(204);
	}

	private static String code(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		return response.json().get("errors").get(0).get("code").asString();
	}

	private List<SecurityAction> actions(Account account) {
		return this.audit.find(new SecurityEventQuery(account.id(), null, null, null, null, 100))
			.stream()
			.map(SecurityEvent::action)
			.toList();
	}

}
