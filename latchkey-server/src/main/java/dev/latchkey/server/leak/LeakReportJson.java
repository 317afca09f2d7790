package dev.latchkey.server.leak;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/credentials/revoke}, as GitHub's credential revocation API takes it.
 *
 * @param credentials the leaked strings, at most {@value LeakRevoker#MAX_CREDENTIALS}
 */
record LeakReportJson(@Nullable List<String> credentials) {
}
