package dev.latchkey.server.admin;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.server.oauth.AppNotFoundException;
import dev.latchkey.server.oauth.OAuthApp;
import dev.latchkey.server.oauth.OwnedApp;
import dev.latchkey.server.oauth.ResourceServers;
import dev.latchkey.server.scope.RequiredScopes;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * The admin API for OAuth Apps: list them, and mark one a resource server with
 * {@code PUT /api/v1/admin/apps/{client_id}/resource-server} (unmark with {@code DELETE}), as
 * the suspension of a user is a {@code PUT} and a {@code DELETE}. A resource server may
 * introspect any token; any other app only its own tokens and its owner's.
 */
@RestController
@RequestMapping("/api/v1/admin/apps")
class AdminAppsApiController {

	private static final int MAX_APPS = 100;

	private final ResourceServers resourceServers;

	AdminAppsApiController(ResourceServers resourceServers) {
		this.resourceServers = resourceServers;
	}

	@GetMapping
	@RequiredScopes(ScopeCatalogue.ADMIN)
	List<AppJson> apps(@RequestParam(defaultValue = "") String q) {
		return this.resourceServers.search(q, MAX_APPS).stream().map(AppJson::of).toList();
	}

	@GetMapping("/{clientId}")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	AppJson app(@PathVariable String clientId) {
		return AppJson.of(this.resourceServers.find(clientId).orElseThrow(AppNotFoundException::new));
	}

	@PutMapping("/{clientId}/resource-server")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> mark(@PathVariable String clientId,
			@RequestBody(required = false) @Nullable ResourceServerJson body) {
		this.resourceServers.mark(clientId, true, (body != null) ? body.resourceUrl() : null)
			.orElseThrow(AppNotFoundException::new);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{clientId}/token-exchange")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> allowTokenExchange(@PathVariable String clientId) {
		this.resourceServers.allowTokenExchange(clientId, true).orElseThrow(AppNotFoundException::new);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{clientId}/token-exchange")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> disallowTokenExchange(@PathVariable String clientId) {
		this.resourceServers.allowTokenExchange(clientId, false).orElseThrow(AppNotFoundException::new);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{clientId}/resource-server")
	@RequiredScopes(ScopeCatalogue.ADMIN)
	ResponseEntity<Void> unmark(@PathVariable String clientId) {
		this.resourceServers.mark(clientId, false, null).orElseThrow(AppNotFoundException::new);
		return ResponseEntity.noContent().build();
	}

	/**
	 * An OAuth App as admins see it: never a secret.
	 *
	 * @param clientId its client id
	 * @param name its name
	 * @param owner its owner's username; absent for Latchkey's own apps
	 * @param confidential whether it keeps a client secret
	 * @param resourceServer whether it may introspect any token
	 * @param resourceUrl the URL of its API, which tokens may be bound to (RFC 8707)
	 * @param registeredDynamically whether it registered itself (RFC 7591), with no owner
	 * @param tokenExchange whether it may exchange users' tokens for narrower ones (RFC 8693)
	 * @param createdAt when it was registered
	 */
	record AppJson(String clientId, String name, @Nullable String owner, boolean confidential, boolean resourceServer,
			@Nullable String resourceUrl, boolean registeredDynamically, boolean tokenExchange, Instant createdAt) {

		static AppJson of(OwnedApp owned) {
			OAuthApp app = owned.app();
			return new AppJson(app.clientId(), app.name(), owned.owner(), app.confidential(), app.resourceServer(),
					app.resourceUrl(), app.registeredDynamically(), app.tokenExchange(), app.createdAt());
		}

	}

	/**
	 * What marking an app a resource server may say.
	 *
	 * @param resourceUrl the URL of its API, its resource identifier; optional
	 */
	record ResourceServerJson(@Nullable String resourceUrl) {
	}

}
