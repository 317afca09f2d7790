package dev.latchkey.server.oauth;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;

/**
 * Limits of the device flow (RFC 8628) that Spring Authorization Server leaves to the
 * application: device authorization requests per client address per hour, and guesses of
 * user codes at the verification endpoint behind {@code /device} per account and per address. A user code has about 34 bits
 * (8 letters of 20) and lives for minutes, so unlimited guessing from many signed-in
 * sessions could land on someone else's pending code and approve it for the guesser's device.
 * <p>
 * Its {@link #filter()} runs before the server's client authentication and its endpoints;
 * failures are counted by {@link #countingFailures}, around the verification endpoint's error
 * handler, which is called exactly when a code is unknown, expired or otherwise refused.
 */
@Component
class DeviceThrottle {

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	private static final RequestMatcher DEVICE_AUTHORIZATION = PATHS.matcher(HttpMethod.POST,
			"/oauth2/device_authorization");

	private static final RequestMatcher CODE_ENTRY = PATHS.matcher(ConsentGuard.DEVICE_VERIFICATION);

	private final OAuthRequestBudget authorizations;

	private final AttemptThrottle userCodes;

	private final TooManyAttemptsPage page;

	DeviceThrottle(RateLimiter limiter, ThrottleProperties properties, TooManyAttemptsPage page) {
		this.authorizations = new OAuthRequestBudget(limiter, "device-authorization",
				properties.deviceAuthorizationsPerAddressPerHour(), "device authorization requests");
		this.userCodes = new AttemptThrottle(limiter, "user-code", properties.userCodeFailuresPerAccount(),
				properties.userCodeFailuresPerAddress(), properties.window());
		this.page = page;
	}

	/** The filter to put in the authorization server's chain. Not a bean, so the container doesn't run it on every request. */
	Filter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (DEVICE_AUTHORIZATION.matches(request) && !authorizationAllowed(request, response)) {
					return;
				}
				if (CODE_ENTRY.matches(request) && request.getParameter(OAuth2ParameterNames.USER_CODE) != null) {
					Optional<AttemptThrottle.Refusal> refusal = DeviceThrottle.this.userCodes.refusal(signedIn(),
							request.getRemoteAddr());
					if (refusal.isPresent()) {
						DeviceThrottle.this.page.render(refusal.get(), request, response);
						return;
					}
				}
				chain.doFilter(request, response);
			}

		};
	}

	/**
	 * The verification endpoint's error handler, counting each refused code as a failed guess.
	 * A user who denies a device on the consent page ends here too; that is no guess.
	 */
	AuthenticationFailureHandler countingFailures(AuthenticationFailureHandler handler) {
		return (request, response, ex) -> {
			boolean denied = ex instanceof OAuth2AuthenticationException oauth
					&& OAuth2ErrorCodes.ACCESS_DENIED.equals(oauth.getError().getErrorCode());
			if (!denied) {
				this.userCodes.failed(signedIn(), request.getRemoteAddr());
			}
			handler.onAuthenticationFailure(request, response, ex);
		};
	}

	/** Every device authorization request counts, good or bad: each one stores a pending grant. */
	private boolean authorizationAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
		return this.authorizations.allowed(request, response);
	}

	private static @Nullable String signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) ? authentication.getName() : null;
	}

}
