package dev.latchkey.server.oauth;

import org.jspecify.annotations.Nullable;

import dev.latchkey.client.TokenSecret;

/**
 * An app just registered: the one moment its first client secret is in hand.
 *
 * @param app the app
 * @param secret its first client secret, to show once; absent for a public client
 */
record RegisteredApp(OAuthApp app, @Nullable TokenSecret secret) {
}
