package dev.latchkey.server.oauth;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.web.SignedInUser;

/**
 * Turns an {@link OAuth2Authorization} into a row of {@code oauth2_authorizations} with every
 * secret as its SHA-256, and a row back into an authorization that carries the presented
 * value where it was found and {@code sha256:<hash>} for the values nobody presented.
 * Attributes and token metadata are JSON written with Spring Security's Jackson modules, as
 * Spring Authorization Server's own JDBC store writes them.
 */
final class AuthorizationRows {

	static final String KNOWN_ONLY_BY_HASH = "sha256:";

	/** An attribute naming the account of a grant that no signed-in user made, such as a token exchange; never stored as JSON. */
	static final String ACCOUNT_ID = "latchkey.account_id";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final RegisteredClientRepository clients;

	private final JsonMapper json = JsonMapper.builder()
		.addModules(SecurityJacksonModules.getModules(AuthorizationRows.class.getClassLoader()))
		.build();

	AuthorizationRows(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	Map<String, Object> toRow(OAuth2Authorization authorization) {
		Map<String, Object> row = new HashMap<>();
		row.put("id", authorization.getId());
		row.put("registered_client_id", authorization.getRegisteredClientId());
		row.put("principal_name", authorization.getPrincipalName());
		row.put("grant_type", authorization.getAuthorizationGrantType().getValue());
		row.put("authorized_scopes", String.join(" ", authorization.getAuthorizedScopes()));
		Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
		Object state = attributes.remove(OAuth2ParameterNames.STATE);
		row.put("state_hash", (state != null) ? hashOf(state.toString()) : null);
		row.put("account_id", accountId(attributes));
		row.put("attributes", this.json.writeValueAsString(attributes));
		for (TokenSlot slot : TokenSlot.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(slot.type());
			String column = slot.column();
			row.put(column + "_hash", (token != null) ? hashOf(token.getToken().getTokenValue()) : null);
			row.put(column + "_issued_at", (token != null) ? SqlValues.utc(token.getToken().getIssuedAt()) : null);
			row.put(column + "_expires_at", (token != null) ? SqlValues.utc(token.getToken().getExpiresAt()) : null);
			row.put(column + "_metadata", (token != null) ? this.json.writeValueAsString(token.getMetadata()) : null);
		}
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		row.put("access_scopes", (access != null) ? String.join(" ", access.getToken().getScopes()) : null);
		row.put("access_audience", (access != null) ? audience(access) : null);
		row.put("access_actor", (access != null) ? actor(access) : null);
		row.put("access_jkt", (access != null) ? jkt(access) : null);
		row.put("access_invalidated", access != null && access.isInvalidated());
		return row;
	}

	/**
	 * The account a grant acts for, known when the signed-in user grants it; and the
	 * principal reduced to its name and authorities, so the stored JSON holds no application
	 * types. Later saves of the grant carry the reduced principal and return null here: the
	 * row keeps the account it was given (see the service's update).
	 */
	private static @Nullable Long accountId(Map<String, Object> attributes) {
		if (attributes.remove(ACCOUNT_ID) instanceof Long accountId) {
			return accountId;
		}
		if (!(attributes.get(Principal.class.getName()) instanceof Authentication authentication)) {
			return null;
		}
		attributes.put(Principal.class.getName(), UsernamePasswordAuthenticationToken
			.authenticated(authentication.getName(), null, authentication.getAuthorities()));
		return (authentication.getPrincipal() instanceof SignedInUser user) ? user.accountId() : null;
	}

	/** The APIs an access token is bound to (RFC 8707), space-separated, for the token check's one query; null for none. */
	private static @Nullable String audience(OAuth2Authorization.Token<OAuth2AccessToken> access) {
		Map<String, Object> claims = access.getClaims();
		if (claims == null || !(claims.get(OAuth2TokenClaimNames.AUD) instanceof Collection<?> audience)
				|| audience.isEmpty()) {
			return null;
		}
		return audience.stream().map(String::valueOf).sorted().collect(Collectors.joining(" "));
	}

	/** Who acts with an exchanged access token (RFC 8693's {@code act.sub}); null for nobody. */
	private static @Nullable String actor(OAuth2Authorization.Token<OAuth2AccessToken> access) {
		Map<String, Object> claims = access.getClaims();
		return (claims != null && claims.get("act") instanceof Map<?, ?> act && act.get("sub") instanceof String sub) ? sub
				: null;
	}

	/** The thumbprint of the key a DPoP-bound access token is bound to ({@code cnf.jkt}); null for a bearer token. */
	private static @Nullable String jkt(OAuth2Authorization.Token<OAuth2AccessToken> access) {
		Map<String, Object> claims = access.getClaims();
		return (claims != null && claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt) ? jkt
				: null;
	}

	static String hashOf(String value) {
		return value.startsWith(KNOWN_ONLY_BY_HASH) ? value.substring(KNOWN_ONLY_BY_HASH.length())
				: TokenSecret.sha256Hex(value);
	}

	@Nullable OAuth2Authorization toAuthorization(ResultSet rs, @Nullable TokenSlot presentedSlot,
			@Nullable String presented) throws SQLException {
		RegisteredClient client = this.clients.findById(rs.getString("registered_client_id"));
		if (client == null) {
			return null;
		}
		Map<String, Object> storedAttributes = readMap(rs, "attributes");
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(rs.getString("id"))
			.principalName(rs.getString("principal_name"))
			.authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
			.authorizedScopes(scopes(rs.getString("authorized_scopes")))
			.attributes((attributes) -> attributes.putAll(storedAttributes));
		String stateHash = rs.getString("state_hash");
		if (stateHash != null) {
			boolean presentedState = presentedSlot == null && presented != null;
			builder.attribute(OAuth2ParameterNames.STATE, presentedState ? presented : KNOWN_ONLY_BY_HASH + stateHash);
		}
		for (TokenSlot slot : TokenSlot.values()) {
			String hash = rs.getString(slot.column() + "_hash");
			if (hash == null) {
				continue;
			}
			String value = (slot == presentedSlot) ? presented : KNOWN_ONLY_BY_HASH + hash;
			Instant issuedAt = SqlValues.instant(rs, slot.column() + "_issued_at");
			Instant expiresAt = SqlValues.instant(rs, slot.column() + "_expires_at");
			Map<String, Object> metadata = readMap(rs, slot.column() + "_metadata");
			builder.token(token(slot, value, issuedAt, expiresAt, metadata, rs), (m) -> m.putAll(metadata));
		}
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private static OAuth2Token token(TokenSlot slot, String value, Instant issuedAt, Instant expiresAt,
			Map<String, Object> metadata, ResultSet rs) throws SQLException {
		return switch (slot) {
			case CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
			case ACCESS -> new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, expiresAt,
					scopes(rs.getString("access_scopes")));
			case REFRESH -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
			case ID_TOKEN -> new OidcIdToken(value, issuedAt, expiresAt,
					(Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME));
			case DEVICE_CODE -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
			case USER_CODE -> new OAuth2UserCode(value, issuedAt, expiresAt);
		};
	}

	private Map<String, Object> readMap(ResultSet rs, String column) throws SQLException {
		String value = rs.getString(column);
		return (value != null) ? this.json.readValue(value, MAP) : Map.of();
	}

	private static Set<String> scopes(@Nullable String scopes) {
		return (scopes == null || scopes.isBlank()) ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(" ")));
	}

}
