/**
 * Secrets the server must read back (authenticator-app seeds) are kept sealed: AES-GCM under
 * a data-encryption key, with the key's id beside each value so that keys can rotate. The key
 * comes from {@code LATCHKEY_ENCRYPTION_KEY}, or is generated once into the data directory.
 */
@NullMarked
package dev.latchkey.server.encryption;

import org.jspecify.annotations.NullMarked;
