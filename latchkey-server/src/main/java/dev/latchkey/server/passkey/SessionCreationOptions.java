package dev.latchkey.server.passkey;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey being added in the session, between the browser asking for
 * them and sending the new passkey back. Spring Security 7.0 keeps the options object itself,
 * which isn't {@link Serializable} (7.1 makes it so), and sessions live in the database; so
 * what the check of the new passkey reads is kept instead, and the options rebuilt from it.
 */
class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

	private static final String ATTRIBUTE = SessionCreationOptions.class.getName();

	private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
			PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
			PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512,
			PublicKeyCredentialParameters.RS1);

	/** What the check of a new passkey needs of the options it was made with. */
	record Kept(String rpId, String rpName, byte[] challenge, byte[] userId, String userName, String displayName,
			long[] algorithms, boolean userVerificationRequired) implements Serializable {

		static Kept of(PublicKeyCredentialCreationOptions options) {
			return new Kept(options.getRp().getId(), options.getRp().getName(), options.getChallenge().getBytes(),
					options.getUser().getId().getBytes(), options.getUser().getName(),
					options.getUser().getDisplayName(),
					options.getPubKeyCredParams().stream().mapToLong((parameters) -> parameters.getAlg().getValue()).toArray(),
					options.getAuthenticatorSelection().getUserVerification() == UserVerificationRequirement.REQUIRED);
		}

		PublicKeyCredentialCreationOptions options() {
			return PublicKeyCredentialCreationOptions.builder()
				.rp(PublicKeyCredentialRpEntity.builder().id(this.rpId).name(this.rpName).build())
				.challenge(new Bytes(this.challenge))
				.user(ImmutablePublicKeyCredentialUserEntity.builder()
					.id(new Bytes(this.userId))
					.name(this.userName)
					.displayName(this.displayName)
					.build())
				.pubKeyCredParams(ALGORITHMS.stream()
					.filter((parameters) -> Arrays.stream(this.algorithms).anyMatch((alg) -> alg == parameters.getAlg().getValue()))
					.toList())
				.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
					.userVerification(this.userVerificationRequired ? UserVerificationRequirement.REQUIRED
							: UserVerificationRequirement.PREFERRED)
					.build())
				.build();
		}

	}

	@Override
	public void save(HttpServletRequest request, HttpServletResponse response,
			@Nullable PublicKeyCredentialCreationOptions options) {
		if (options == null) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(ATTRIBUTE);
			}
			return;
		}
		request.getSession().setAttribute(ATTRIBUTE, Kept.of(options));
	}

	@Override
	public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof Kept kept) ? kept.options() : null;
	}

}
