package dev.latchkey.server.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks the proof a request brings for a DPoP-bound access token (RFC 9449 section 7.1): a JWT
 * of type {@code dpop+jwt}, signed with an RSA or EC key whose public half is in its header,
 * for this method and URL, made within the last few minutes, for this very token ({@code ath}),
 * with the key the token is bound to ({@code jkt}), and never seen before on any node.
 * <p>
 * Spring Security verifies the signature, type and algorithm; the claims are checked here, so
 * that a proof counts as used only once everything else about it is right.
 */
@Component
public class DPoPProofs {

	/** How old a proof may be, and so how long each one's {@code jti} is kept. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	/** How far ahead of this server's clock a client's may run. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/** The algorithms a proof may be signed with, as the metadata lists them. */
	public static final String ALGORITHMS = "ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512";

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	private final ProofReplays replays;

	private final Clock clock;

	DPoPProofs(ProofReplays replays, Clock clock) {
		this.replays = replays;
		this.clock = clock;
		// Only the signature here: the claims are checked below, where a replay is recorded last.
		this.decoders.setJwtValidatorFactory((context) -> (jwt) -> OAuth2TokenValidatorResult.success());
	}

	/**
	 * What is wrong with a request's proof for a bound token, or null when it is good.
	 * @param proof the {@code DPoP} header
	 * @param method the request's method
	 * @param targetUri the request's URL without query and fragment
	 * @param accessToken the access token the request carries
	 * @param jkt the thumbprint of the key the token is bound to
	 */
	public @Nullable String problem(@Nullable String proof, String method, String targetUri, String accessToken,
			String jkt) {
		if (proof == null || proof.isBlank()) {
			return "This token is DPoP-bound: send a DPoP proof in the DPoP header.";
		}
		Jwt jwt;
		try {
			jwt = this.decoders.createDecoder(DPoPProofContext.withDPoPProof(proof).method(method).targetUri(targetUri).build())
				.decode(proof);
		}
		catch (JwtException | IllegalArgumentException ex) {
			return "The DPoP proof is malformed or its signature is wrong.";
		}
		if (!method.equals(jwt.getClaimAsString("htm")) || !targetUri.equals(jwt.getClaimAsString("htu"))) {
			return "The DPoP proof is for another request (htm, htu).";
		}
		Instant now = this.clock.instant();
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt == null || issuedAt.isBefore(now.minus(MAX_AGE)) || issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
			return "The DPoP proof is too old or from the future (iat).";
		}
		if (!sha256(accessToken).equals(jwt.getClaimAsString("ath"))) {
			return "The DPoP proof is for another access token (ath).";
		}
		if (!jkt.equals(thumbprint(jwt.getHeaders().get("jwk")))) {
			return "The DPoP proof is signed with a key the token isn't bound to.";
		}
		String jti = jwt.getId();
		if (jti == null || jti.isBlank() || jti.length() > 256) {
			return "The DPoP proof has no usable jti.";
		}
		if (!this.replays.firstUse(jti, issuedAt.plus(MAX_AGE).plus(CLOCK_SKEW))) {
			return "The DPoP proof was used before.";
		}
		return null;
	}

	private static @Nullable String thumbprint(@Nullable Object jwk) {
		if (!(jwk instanceof Map<?, ?> map)) {
			return null;
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> json = (Map<String, Object>) map;
			return JWK.parse(json).computeThumbprint().toString();
		}
		catch (JOSEException | java.text.ParseException ex) {
			return null;
		}
	}

	/** RFC 9449's {@code ath}: the base64url SHA-256 of the access token's ASCII. */
	private static String sha256(String accessToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

}
