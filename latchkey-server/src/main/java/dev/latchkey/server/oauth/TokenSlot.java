package dev.latchkey.server.oauth;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The kinds of secret an authorization can hold, each with its columns in
 * {@code oauth2_authorizations} ({@code <column>_hash}, {@code _issued_at}, {@code _expires_at},
 * {@code _metadata}) and the token type Spring Authorization Server looks it up by.
 */
enum TokenSlot {

	CODE("code", OAuth2AuthorizationCode.class, new OAuth2TokenType(OAuth2ParameterNames.CODE)),
	ACCESS("access", OAuth2AccessToken.class, OAuth2TokenType.ACCESS_TOKEN),
	REFRESH("refresh", OAuth2RefreshToken.class, OAuth2TokenType.REFRESH_TOKEN),
	ID_TOKEN("id_token", OidcIdToken.class, new OAuth2TokenType(OidcParameterNames.ID_TOKEN)),
	DEVICE_CODE("device_code", OAuth2DeviceCode.class, new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE)),
	USER_CODE("user_code", OAuth2UserCode.class, new OAuth2TokenType(OAuth2ParameterNames.USER_CODE));

	/** The consent {@code state}: not a token, but a secret looked up the same way. */
	static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final String column;

	private final Class<? extends OAuth2Token> type;

	private final OAuth2TokenType tokenType;

	TokenSlot(String column, Class<? extends OAuth2Token> type, OAuth2TokenType tokenType) {
		this.column = column;
		this.type = type;
		this.tokenType = tokenType;
	}

	String column() {
		return this.column;
	}

	Class<? extends OAuth2Token> type() {
		return this.type;
	}

	static List<TokenSlot> forTokenType(OAuth2TokenType tokenType) {
		for (TokenSlot slot : values()) {
			if (slot.tokenType.equals(tokenType)) {
				return List.of(slot);
			}
		}
		return List.of();
	}

}
