package dev.latchkey.server.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The doors that guess-the-secret attacks knock on: how many failures each allows per
 * account and per client address before it answers {@code 429}. {@code 0} turns a limit off.
 *
 * @param window how long failures are counted: windows divide an hour and start on its boundaries
 * @param signInFailuresPerAccount failed sign-ins per typed username (known or not) per window
 * @param signInFailuresPerAddress failed sign-ins per client address per window, over all usernames
 * @param sudoFailuresPerAccount failed password confirmations ("Confirm access") per account per window
 * @param sudoFailuresPerAddress failed password confirmations per client address per window
 * @param secondFactorFailuresPerAccount wrong second factors (app or recovery codes) per account per window, at sign-in and "Confirm access"
 * @param secondFactorFailuresPerAddress wrong second factors per client address per window
 * @param userCodeFailuresPerAccount unknown or expired device codes entered at {@code /device} per account per window
 * @param userCodeFailuresPerAddress unknown or expired device codes entered at {@code /device} per client address per window
 * @param deviceAuthorizationsPerAddressPerHour requests to {@code /oauth2/device_authorization} per client address per hour
 * @param clientRegistrationsPerAddressPerHour requests to {@code /oauth2/register} (dynamic client registration) per client address per hour
 * @param failedTokenChecksPerAddress API requests with a bad token (malformed, unknown, expired, revoked) per client address per window
 * @param passwordResetsPerEmail password reset requests per typed email address (known or not) per window
 * @param passwordResetsPerAddress password reset requests per client address per window
 * @param verificationMailsPerAccount verification mails sent again on request, per account per window
 */
@ConfigurationProperties("latchkey.throttle")
public record ThrottleProperties(@DefaultValue("15m") Duration window,
		@DefaultValue("10") long signInFailuresPerAccount, @DefaultValue("100") long signInFailuresPerAddress,
		@DefaultValue("10") long sudoFailuresPerAccount, @DefaultValue("100") long sudoFailuresPerAddress,
		@DefaultValue("10") long secondFactorFailuresPerAccount, @DefaultValue("100") long secondFactorFailuresPerAddress,
		@DefaultValue("10") long userCodeFailuresPerAccount, @DefaultValue("10") long userCodeFailuresPerAddress,
		@DefaultValue("50") long deviceAuthorizationsPerAddressPerHour,
		@DefaultValue("20") long clientRegistrationsPerAddressPerHour,
		@DefaultValue("100") long failedTokenChecksPerAddress, @DefaultValue("3") long passwordResetsPerEmail,
		@DefaultValue("20") long passwordResetsPerAddress, @DefaultValue("3") long verificationMailsPerAccount) {
}
