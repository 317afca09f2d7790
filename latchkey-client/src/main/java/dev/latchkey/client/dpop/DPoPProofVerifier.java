package dev.latchkey.client.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Checks the proof a request brings for a DPoP-bound access token (RFC 9449 section 4.3 and
 * 7.1): a JWT of type {@code dpop+jwt}, signed with an RSA or EC key whose public half is in its
 * header, for this method and URL ({@code htm}, {@code htu}), made within the last few minutes
 * ({@code iat}), for this very token ({@code ath}), with the key the token is bound to (its
 * {@code jkt}), and never seen before. Everything else about a proof is checked before its
 * {@code jti} is recorded, so a bad proof uses up nothing.
 */
public final class DPoPProofVerifier {

	/** How old a proof may be, and so how long each one's {@code jti} must be kept. */
	public static final Duration MAX_AGE = Duration.ofMinutes(5);

	/** How far ahead of this server's clock a client's may run. */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/** The algorithms a proof may be signed with, space-separated, as challenges and metadata list them. */
	public static final String ALGORITHMS = "ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512";

	private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

	private static final List<JWSAlgorithm> ACCEPTED = List.of(ALGORITHMS.split(" "))
		.stream()
		.map(JWSAlgorithm::parse)
		.toList();

	private final ReplayGuard replays;

	private final Clock clock;

	public DPoPProofVerifier(ReplayGuard replays, Clock clock) {
		this.replays = replays;
		this.clock = clock;
	}

	/**
	 * What is wrong with a request's proof for a bound token, or null when it is good.
	 * @param proof the request's {@code DPoP} header
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
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(proof);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			return "The DPoP proof is malformed.";
		}
		JWSHeader header = jwt.getHeader();
		JWK key = header.getJWK();
		if (!DPOP_TYPE.equals(header.getType()) || !ACCEPTED.contains(header.getAlgorithm()) || key == null
				|| key.isPrivate() || !verified(jwt, key)) {
			return "The DPoP proof's type, algorithm, key or signature is wrong.";
		}
		if (!method.equals(text(claims, "htm")) || !targetUri.equals(text(claims, "htu"))) {
			return "The DPoP proof is for another request (htm, htu).";
		}
		Date issued = claims.getIssueTime();
		Instant now = this.clock.instant();
		if (issued == null || issued.toInstant().isBefore(now.minus(MAX_AGE))
				|| issued.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
			return "The DPoP proof is too old or from the future (iat).";
		}
		if (!sha256(accessToken).equals(text(claims, "ath"))) {
			return "The DPoP proof is for another access token (ath).";
		}
		if (!jkt.equals(thumbprint(key))) {
			return "The DPoP proof is signed with a key the token isn't bound to.";
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isBlank() || jti.length() > 256) {
			return "The DPoP proof has no usable jti.";
		}
		if (!this.replays.firstUse(jti, issued.toInstant().plus(MAX_AGE).plus(CLOCK_SKEW))) {
			return "The DPoP proof was used before.";
		}
		return null;
	}

	/**
	 * For a proof another layer has verified already (Spring Security's DPoP support): only
	 * records its {@code jti} in the replay store, false if it was seen before or can't be read.
	 */
	public boolean firstUse(String verifiedProof) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(verifiedProof).getJWTClaimsSet();
			Date issued = claims.getIssueTime();
			return claims.getJWTID() != null && issued != null
					&& this.replays.firstUse(claims.getJWTID(), issued.toInstant().plus(MAX_AGE).plus(CLOCK_SKEW));
		}
		catch (ParseException ex) {
			return false;
		}
	}

	/** RFC 7638's SHA-256 thumbprint of a key, as {@code cnf.jkt} names it. */
	public static @Nullable String thumbprint(JWK key) {
		try {
			return key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			return null;
		}
	}

	private static boolean verified(SignedJWT jwt, JWK key) {
		try {
			JWSVerifier verifier;
			if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(jwt.getHeader().getAlgorithm())) {
				verifier = new ECDSAVerifier(ec);
			}
			else if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
				verifier = new RSASSAVerifier(rsa);
			}
			else {
				return false;
			}
			return jwt.verify(verifier);
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private static @Nullable String text(JWTClaimsSet claims, String name) {
		return (claims.getClaim(name) instanceof String value) ? value : null;
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
