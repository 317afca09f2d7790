package dev.latchkey.server.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened, named as GitHub's security log names its events.
 */
public enum SecurityAction {

	TOKEN_CREATED("personal_access_token.created", "Personal access token created"),
	TOKEN_REGENERATED("personal_access_token.regenerated", "Personal access token regenerated"),
	TOKEN_REVOKED("personal_access_token.revoked", "Personal access token revoked"),
	TOKEN_EXPIRED("personal_access_token.expired", "Personal access token expired"),
	TOKEN_AUTO_REVOKED("personal_access_token.auto_revoked", "Token revoked by policy after going unused"),
	TOKEN_REPORTED_LEAKED("personal_access_token.reported_leaked", "Personal access token reported leaked and revoked"),
	OAUTH_TOKEN_REPORTED_LEAKED("oauth_access.reported_leaked", "OAuth token reported leaked and its grant revoked"),
	CLIENT_SECRET_REPORTED_LEAKED("oauth_application.secret_reported_leaked",
			"OAuth App client secret reported leaked and deleted"),
	TOKEN_NEW_IP("personal_access_token.new_ip_address", "Personal access token used from a new IP address"),
	SANCTIONED_TOKEN_ISSUED("sanctioned_token.issued", "Token sanctioned for another user"),
	SANCTIONED_TOKEN_ACCEPTED("sanctioned_token.accepted", "Sanctioned token accepted"),
	SANCTIONED_TOKEN_REVOKED("sanctioned_token.revoked", "Sanctioned token revoked"),
	OAUTH_APP_AUTHORIZED("oauth_authorization.created", "OAuth App authorized"),
	OAUTH_APP_REVOKED("oauth_authorization.revoked", "OAuth App authorization revoked"),
	OAUTH_TOKEN_EXCHANGED("oauth_access.exchanged", "A token traded by an app for a narrower one (token exchange)"),
	OAUTH_APP_REGISTERED_DYNAMICALLY("oauth_application.registered_dynamically",
			"OAuth App registered itself (dynamic client registration)"),
	OAUTH_APP_DELETED_UNUSED("oauth_application.deleted_unused",
			"OAuth App that registered itself deleted after going unused"),
	SIGN_IN("user.sign_in", "Signed in"),
	IDENTITY_LINKED("user.identity_linked", "An identity provider's account linked to this one"),
	IDENTITY_UNLINKED("user.identity_unlinked", "An identity provider's account unlinked from this one"),
	SIGN_IN_FAILED("user.failed_sign_in", "Failed sign-in"),
	SIGN_IN_THROTTLED("user.sign_in_throttled", "Sign-in refused after too many failed attempts"),
	SUDO_FAILED("user.failed_sudo", "Failed password confirmation"),
	SUDO_THROTTLED("user.sudo_throttled", "Password confirmation refused after too many failed attempts"),
	PASSWORD_CHANGED("user.change_password", "Password changed; every other session signed out"),
	PASSWORD_RESET("user.password_reset", "Password reset through a mailed link; every session signed out"),
	PASSWORD_RESET_THROTTLED("user.password_reset_throttled", "Password reset requests refused: too many"),
	EMAIL_CHANGED("user.email_changed", "Email address changed; the new one is unverified"),
	EMAIL_VERIFIED("user.email_verified", "Email address verified"),
	TWO_FACTOR_ENABLED("two_factor_authentication.enabled", "Two-factor authentication enabled"),
	TWO_FACTOR_DISABLED("two_factor_authentication.disabled", "Two-factor authentication disabled"),
	RECOVERY_CODES_REGENERATED("two_factor_authentication.recovery_codes_regenerated",
			"Recovery codes regenerated; the old ones no longer work"),
	RECOVERY_CODE_USED("two_factor_authentication.recovery_code_used", "A recovery code used"),
	PASSKEY_ADDED("passkey.added", "Passkey added"),
	PASSKEY_REMOVED("passkey.removed", "Passkey removed"),
	SECOND_FACTOR_FAILED("user.two_factor_challenge_failure", "Wrong second factor"),
	SECOND_FACTOR_THROTTLED("user.two_factor_challenge_throttled",
			"Second factor refused after too many failed attempts"),
	SESSION_REVOKED("user.session_revoked", "A session signed out from the sessions page"),
	ACCOUNT_DELETED("user.destroy", "Account deleted by its owner, with every token, grant and app"),
	INVITATION_SENT("admin.invitation_sent", "Invitation to sign up sent by mail"),
	TWO_FACTOR_POLICY_CHANGED("admin.two_factor_requirement_changed", "Two-factor requirement changed"),
	TWO_FACTOR_RESET_BY_ADMIN("admin.two_factor_reset", "Two-factor authentication reset by an admin"),
	PASSWORD_RESET_FORCED("admin.password_reset_forced", "Password reset forced by an admin; every session signed out"),
	USER_SUSPENDED("admin.user_suspended", "User suspended"),
	USER_UNSUSPENDED("admin.user_unsuspended", "User unsuspended"),
	USER_PROMOTED("admin.user_promoted", "User made an admin"),
	USER_DEMOTED("admin.user_demoted", "User no longer an admin"),
	POLICY_CHANGED("admin.policy_changed", "Token policy changed"),
	SIGNING_KEY_ROTATED("admin.signing_key_rotated", "OpenID Connect signing key rotated"),
	CLIENT_REGISTRATION_CHANGED("admin.dynamic_client_registration_changed",
			"Dynamic client registration turned on or off"),
	TOKEN_EXCHANGE_ALLOWED("admin.oauth_application_token_exchange_allowed",
			"OAuth App allowed to exchange users' tokens for narrower ones"),
	TOKEN_EXCHANGE_DISALLOWED("admin.oauth_application_token_exchange_disallowed",
			"OAuth App no longer allowed to exchange tokens"),
	RESOURCE_SERVER_MARKED("admin.oauth_application_resource_server_marked",
			"OAuth App marked a resource server: it may introspect any token"),
	RESOURCE_SERVER_UNMARKED("admin.oauth_application_resource_server_unmarked",
			"OAuth App no longer a resource server: it introspects only its own and its owner's tokens");

	private final String code;

	private final String description;

	SecurityAction(String code, String description) {
		this.code = code;
		this.description = description;
	}

	/** The stable name stored and shown by the API, such as {@code personal_access_token.created}. */
	public String code() {
		return this.code;
	}

	/** A sentence for people. */
	public String description() {
		return this.description;
	}

	/** The action with this code, if there is one. */
	public static Optional<SecurityAction> ofCode(String code) {
		return Arrays.stream(values()).filter((action) -> action.code.equals(code)).findFirst();
	}

}
