package dev.latchkey.examples.notesmcp;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.modelcontextprotocol.common.McpTransportContext;

import org.springframework.security.core.Authentication;

import dev.latchkey.examples.notes.Notebook;
import dev.latchkey.spring.LatchkeyAccessDeniedException;
import dev.latchkey.spring.LatchkeyAuthenticatedPrincipal;

/**
 * Who calls a tool: the Latchkey token of the HTTP request that carried the call. The SDK runs
 * tool handlers on its own threads, where Spring Security's context is not, so the principal
 * travels from the request in the MCP transport context instead. Each request carries its own,
 * so a call is judged by the token sent with it, not by the one that opened the session.
 *
 * @param principal what introspection said about the token
 */
record Caller(LatchkeyAuthenticatedPrincipal principal) {

	private static final String KEY = Caller.class.getName();

	/**
	 * The transport context of a request to the MCP endpoint, taken on the request's thread after
	 * the starter's filters have authenticated it.
	 */
	static McpTransportContext context(HttpServletRequest request) {
		// Spring Security's request wrapper answers with the request's authentication.
		if (request.getUserPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof LatchkeyAuthenticatedPrincipal principal) {
			return McpTransportContext.create(Map.of(KEY, principal));
		}
		return McpTransportContext.EMPTY;
	}

	static Caller of(McpTransportContext context) {
		if (context.get(KEY) instanceof LatchkeyAuthenticatedPrincipal principal) {
			return new Caller(principal);
		}
		throw new ToolRefusal("This call carries no Latchkey token.");
	}

	/** Notes belong to people; a token that acts for an app itself has no notes. */
	String owner() {
		String username = this.principal.username();
		if (username == null) {
			throw new ToolRefusal("This token acts for an app, not for a user, and an app has no notes.");
		}
		return username;
	}

	/** For tools on no one notebook: one of the accepted scopes. */
	void requireScope(String... acceptedScopes) {
		for (String scope : acceptedScopes) {
			if (this.principal.hasScope(scope)) {
				return;
			}
		}
		throw new ToolRefusal("The token needs one of these scopes: " + String.join(", ", acceptedScopes));
	}

	/**
	 * One of the accepted scopes, and the notebook within a fine-grained token's selection: the
	 * starter's check, its refusal told as the notes API tells it.
	 */
	void requireNotebook(long id, String... acceptedScopes) {
		try {
			this.principal.require(Notebook.RESOURCE_TYPE, String.valueOf(id), acceptedScopes);
		}
		catch (LatchkeyAccessDeniedException ex) {
			throw new ToolRefusal(String.valueOf(ex.getBody().getDetail()));
		}
	}

	/** Whether a fine-grained token's selection, if it has one, includes the notebook. */
	boolean sees(Notebook notebook) {
		return this.principal.allowsResource(Notebook.RESOURCE_TYPE, String.valueOf(notebook.id()));
	}

}
