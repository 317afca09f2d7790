package dev.latchkey.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.scope.ScopeDefinition;

/**
 * What a client or a secret scanner needs to know about this Latchkey, without a token.
 */
@RestController
class MetaController {

	private final TokenFormat format;

	private final ScopeCatalogue scopes;

	private final String version;

	MetaController(TokenFormat format, ScopeCatalogue scopes, ObjectProvider<BuildProperties> build) {
		this.format = format;
		this.scopes = scopes;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "dev";
	}

	@GetMapping("/api/v1/meta")
	ResponseEntity<MetaJson> meta() {
		Map<String, TokenPattern> tokens = new LinkedHashMap<>();
		for (TokenKind kind : TokenKind.values()) {
			tokens.put(kind.name().toLowerCase(java.util.Locale.ROOT),
					new TokenPattern(this.format.start(kind), this.format.regex(kind)));
		}
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		MetaJson meta = new MetaJson(this.version, tokens, List.copyOf(this.scopes.all()),
				base + "/.well-known/oauth-authorization-server");
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(meta);
	}

	/**
	 * The answer of {@code /api/v1/meta}.
	 *
	 * @param version Latchkey's version
	 * @param tokens each token kind's fixed start and regular expression
	 * @param scopes the scope catalogue
	 * @param oauthAuthorizationServer the RFC 8414 metadata URL
	 */
	record MetaJson(String version, Map<String, TokenPattern> tokens, List<ScopeDefinition> scopes,
			@Nullable String oauthAuthorizationServer) {
	}

	/**
	 * How to recognise one kind of token.
	 *
	 * @param prefix its fixed start, such as {@code lkp_}
	 * @param regex a regular expression for secret scanners
	 */
	record TokenPattern(String prefix, String regex) {
	}

}
