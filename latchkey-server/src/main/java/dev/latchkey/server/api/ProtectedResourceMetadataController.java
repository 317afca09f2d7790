package dev.latchkey.server.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latchkey.client.ProtectedResource;
import dev.latchkey.client.dpop.DPoPProofVerifier;
import dev.latchkey.server.config.Issuer;
import dev.latchkey.server.scope.ScopeCatalogue;

/**
 * RFC 9728 protected-resource metadata of Latchkey's own REST API: which authorization server
 * issues its tokens and which scopes it knows. A client that meets the API's {@code 401} finds
 * it through the challenge's {@code resource_metadata}. The scopes are the API's own, not the
 * platform's, which belong to the platform's APIs. It answers at the well-known path of
 * the resource ({@code …/oauth-protected-resource/api}) and at the bare one as well, for
 * clients that look there first. Public, and readable from any origin, like the server's own
 * metadata.
 */
@RestController
@CrossOrigin(origins = "*", allowCredentials = "false")
class ProtectedResourceMetadataController {

	private final Issuer issuer;

	ProtectedResourceMetadataController(Issuer issuer) {
		this.issuer = issuer;
	}

	@GetMapping({ ProtectedResource.METADATA_PATH, ProtectedResource.METADATA_PATH + ApiResource.PATH })
	ResponseEntity<Map<String, Object>> metadata(HttpServletRequest request) {
		String issuer = this.issuer.of(request);
		OAuth2ProtectedResourceMetadata metadata = OAuth2ProtectedResourceMetadata.builder()
			.resource(ApiResource.identifier(issuer))
			.authorizationServer(issuer)
			.scopes((names) -> names.addAll(List.of(ScopeCatalogue.USER, ScopeCatalogue.TOKENS_READ,
					ScopeCatalogue.TOKENS_WRITE, ScopeCatalogue.ADMIN)))
			.bearerMethod("header")
			.resourceName("Latchkey API")
			.claim("dpop_signing_alg_values_supported", List.of(DPoPProofVerifier.ALGORITHMS.split(" ")))
			.claim("dpop_bound_access_tokens_required", false)
			.build();
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(metadata.getClaims());
	}

	/** The metadata URL the API's challenges point to. */
	static String metadataUrl(Issuer issuer, HttpServletRequest request) {
		return ProtectedResource.metadataUrl(ApiResource.identifier(issuer.of(request)));
	}

}
