package dev.latchkey.server.oauth;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.latchkey.client.dpop.DPoPProofVerifier;

/** The key of a DPoP proof that the token endpoint verified, as RFC 7638's thumbprint. */
final class DPoPKeys {

	private DPoPKeys() {
	}

	/** The thumbprint of the proof's public key ({@code cnf.jkt}); null when the request carried no proof. */
	static @Nullable String thumbprint(@Nullable Jwt proof) {
		if (proof == null) {
			return null;
		}
		String thumbprint = null;
		try {
			if (proof.getHeaders().get("jwk") instanceof Map<?, ?> jwk) {
				@SuppressWarnings("unchecked")
				Map<String, Object> json = (Map<String, Object>) jwk;
				thumbprint = DPoPProofVerifier.thumbprint(JWK.parse(json));
			}
		}
		catch (ParseException ex) {
			thumbprint = null;
		}
		if (thumbprint == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
					"The DPoP proof's key can't be read.", null));
		}
		return thumbprint;
	}

}
