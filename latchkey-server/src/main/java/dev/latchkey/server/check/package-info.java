/**
 * The token check, the hot path of every API call of the platform, and nothing else. It knows
 * no kind of token: personal and OAuth tokens plug in through {@link ActiveTokenSource}.
 *
 * <pre>
 * request ──▶ api.ApiTokenFilter / oauth introspection
 *               │
 *               ▼
 *         TokenAuthenticator ── address over its failed-check budget? ──▶ 429 (FailedTokenChecks)
 *               │  format and checksum (no I/O) ── bad ──▶ 401
 *               ▼
 *          TokenCache ── SHA-256 hit ──▶ ActiveToken (microseconds)
 *               │ miss
 *               ▼
 *        ActiveTokenSource.findActiveByHash (one indexed lookup: token or oauth store)
 *               │
 *               ▼
 *   expiry, the token policy in force, caller may see it? ── no ──▶ 401
 *               │
 *               ▼
 *   LastUsedRecorder, NewAddressWatch (batched writes off the request) ──▶ TokenCheck.Valid
 * </pre>
 */
@NullMarked
package dev.latchkey.server.check;

import org.jspecify.annotations.NullMarked;
