package dev.latchkey.server.passkey;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relying party that passkeys are bound to. A passkey works only on the domain it was
 * made for, so these must name the address users open Latchkey at.
 *
 * @param rpId the domain passkeys belong to; unset, the host of {@code latchkey.mail.base-url}
 * @param origins the origins pages may use passkeys from; unset, the origin of {@code latchkey.mail.base-url},
 * and, when the domain is {@code localhost}, this server's own port on it
 */
@ConfigurationProperties("latchkey.passkeys")
public record PasskeyProperties(@Nullable String rpId, @DefaultValue List<String> origins) {
}
