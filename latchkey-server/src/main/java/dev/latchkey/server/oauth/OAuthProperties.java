package dev.latchkey.server.oauth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OAuth 2 / OpenID Connect server.
 *
 * @param issuer the issuer URL in tokens and metadata; unset, it is taken from each request's host
 * @param accessTokenTimeToLive how long an OAuth access token ({@code lko_…}) works
 * @param refreshTokenTimeToLive how long an OAuth refresh token ({@code lkr_…}) works
 * @param authorizationCodeTimeToLive how long an authorization code may wait to be exchanged
 * @param deviceCodeTimeToLive how long a device code waits for the user to approve it
 * @param clientCacheTtl how long a registered app's settings and secret hashes stay in memory, and
 * a client ID metadata document before it is fetched again
 * @param signingKeyPublication how long a new OpenID Connect signing key is published before it
 * signs, so that every app that caches the key set has it by then
 * @param clientMetadataDocumentsOnLoopback whether a client ID may be an {@code http} URL on this
 * machine or name a private address: for development and tests only, since it lets anyone who
 * can start an authorization make this server fetch from the network it sits in
 */
@ConfigurationProperties("latchkey.oauth")
public record OAuthProperties(@Nullable String issuer, @DefaultValue("8h") Duration accessTokenTimeToLive,
		@DefaultValue("180d") Duration refreshTokenTimeToLive, @DefaultValue("5m") Duration authorizationCodeTimeToLive,
		@DefaultValue("15m") Duration deviceCodeTimeToLive, @DefaultValue("1m") Duration clientCacheTtl,
		@DefaultValue("false") boolean clientMetadataDocumentsOnLoopback,
		@DefaultValue("1h") Duration signingKeyPublication) {
}
