package dev.latchkey.server.oauth;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;
import dev.latchkey.server.PageSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin rotates the signing key from the page: the key set publishes the new key beside the
 * old one. On a database of its own, so no other test meets a rotation half-way.
 */
@LatchkeyTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:latchkey-rotation;DB_CLOSE_DELAY=-1")
class SigningKeyRotationTests {

	@LocalServerPort
	int port;

	@Test
	void rotateWhenAnAdminAsksThenTheKeySetPublishesOneMoreKey() {
		Http http = new Http(this.port);
		assertThat(http.get("/oauth2/jwks").json().get("keys").size()).isEqualTo(1);
		PageSession root = new PageSession(this.port);
		root.signIn("root", "root-password-for-tests");
		assertThat(root.get("/admin/signing-keys").body()).contains("Signs now");

		root.submit("/admin/signing-keys", "/admin/signing-keys/rotate", "");

		assertThat(http.get("/oauth2/jwks").json().get("keys").size()).isEqualTo(2);
		assertThat(http.get("/oauth2/jwks").body()).doesNotContain("\"d\"").as("public halves only");
		assertThat(root.get("/admin/signing-keys").body().split("data-testid=\"signing-key\"", -1)).hasSize(3);
	}

}
