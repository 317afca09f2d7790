package dev.latchkey.spring;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;

import dev.latchkey.client.TokenInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequireScope} as the interceptor reads it, once per handler.
 */
class ScopeInterceptorTests {

	private final ScopeInterceptor interceptor = new ScopeInterceptor();

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void preHandleWhenOneMethodInheritedByControllersWithDifferentScopesThenEachControllerKeepsItsOwn() throws Exception {
		TokenInfo token = new TokenInfo(true, Set.of("notes:read"), "cli", "mona", "mona", "Bearer", null, null,
				"personal");
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(new LatchkeyAuthenticatedPrincipal(token), null));
		var inherited = Listing.class.getMethod("list");

		assertThat(preHandle(new HandlerMethod(new Notes(), inherited)).getStatus()).isEqualTo(200);
		MockHttpServletResponse admin = preHandle(new HandlerMethod(new Admins(), inherited));
		assertThat(admin.getStatus()).as("the second controller's scope, not the first one's").isEqualTo(403);
		assertThat(preHandle(new HandlerMethod(new Notes(), inherited)).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse preHandle(HandlerMethod handler) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.interceptor.preHandle(new MockHttpServletRequest(), response, handler);
		return response;
	}

	public abstract static class Listing {

		public String list() {
			return "[]";
		}

	}

	@RequireScope("notes:read")
	static class Notes extends Listing {

	}

	@RequireScope("admin")
	static class Admins extends Listing {

	}

}
