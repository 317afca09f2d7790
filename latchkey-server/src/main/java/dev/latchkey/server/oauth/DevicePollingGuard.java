package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

import dev.latchkey.client.TokenSecret;

/**
 * RFC 8628's {@code slow_down}, which Spring Authorization Server leaves to the
 * application: a device that polls the token endpoint sooner than the interval (5 seconds,
 * the RFC's default, since the device authorization response names none) after its last
 * poll is told to slow down; otherwise the request goes on to the server's own device code
 * provider, which this one wraps.
 */
final class DevicePollingGuard implements AuthenticationProvider {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final String SLOW_DOWN = "slow_down";

	private final AuthenticationProvider deviceCodes;

	private final Clock clock;

	private final Cache<String, Instant> lastPolls;

	DevicePollingGuard(AuthenticationProvider deviceCodes, Clock clock, Duration deviceCodeTimeToLive) {
		this.deviceCodes = deviceCodes;
		this.clock = clock;
		this.lastPolls = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(deviceCodeTimeToLive).build();
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		OAuth2DeviceCodeAuthenticationToken request = (OAuth2DeviceCodeAuthenticationToken) authentication;
		String key = TokenSecret.sha256Hex(request.getDeviceCode());
		Instant now = this.clock.instant();
		Instant previous = this.lastPolls.asMap().put(key, now);
		if (previous != null && now.isBefore(previous.plus(INTERVAL))) {
			throw new OAuth2AuthenticationException(new OAuth2Error(SLOW_DOWN,
					"Polling too fast: wait at least " + INTERVAL.toSeconds() + " seconds between requests.",
					"https://datatracker.ietf.org/doc/html/rfc8628#section-3.5"));
		}
		return this.deviceCodes.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2DeviceCodeAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
