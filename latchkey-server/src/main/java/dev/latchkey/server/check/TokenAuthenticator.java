package dev.latchkey.server.check;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.policy.TokenPolicy;
import dev.latchkey.server.policy.TokenPolicyStore;

/**
 * The hot path: checks a presented access token, personal or OAuth, on every API request.
 * A token with a wrong format or checksum is rejected without touching the database; a good
 * one costs one SHA-256 and a cache hit, or one indexed lookup on a miss. A caller's address
 * that has presented too many bad tokens is refused before any of that ({@link FailedTokenChecks}).
 */
@Component
public class TokenAuthenticator {

	private static final TokenCheck MALFORMED = new TokenCheck.Invalid("The token is malformed.");

	private static final TokenCheck NOT_ACCESS = new TokenCheck.Invalid("This kind of token can't be used to call the API.");

	private static final TokenCheck UNKNOWN = new TokenCheck.Invalid("The token is unknown or revoked.");

	private static final TokenCheck EXPIRED = new TokenCheck.Invalid("The token has expired.");

	private static final TokenCheck BREAKS_POLICY = new TokenCheck.Invalid(
			"The token breaks your admins' token policy; regenerate it within the policy.");

	private final TokenFormat format;

	private final Map<TokenKind, ActiveTokenSource> sources;

	private final TokenCache cache;

	private static final Predicate<ActiveToken> ANYONE = (token) -> true;

	private final LastUsedRecorder lastUsed;

	private final Clock clock;

	private final TokenCheckMetrics metrics;

	private final NewAddressWatch addresses;

	private final Supplier<TokenPolicy> policies;

	private final FailedTokenChecks failures;

	@Autowired
	TokenAuthenticator(TokenFormat format, List<ActiveTokenSource> sources, TokenCache cache,
			LastUsedRecorder lastUsed, NewAddressWatch addresses, Clock clock, TokenCheckMetrics metrics,
			TokenPolicyStore policies, FailedTokenChecks failures) {
		this(format, sources, cache, lastUsed, addresses, clock, metrics, policies::current, failures);
	}

	/** @param policies the policy in force, read on every check */
	TokenAuthenticator(TokenFormat format, List<ActiveTokenSource> sources, TokenCache cache,
			LastUsedRecorder lastUsed, NewAddressWatch addresses, Clock clock, TokenCheckMetrics metrics,
			Supplier<TokenPolicy> policies, FailedTokenChecks failures) {
		this.policies = policies;
		this.failures = failures;
		this.addresses = addresses;
		this.metrics = metrics;
		this.format = format;
		this.sources = new EnumMap<>(TokenKind.class);
		sources.forEach((source) -> this.sources.put(source.kind(), source));
		this.cache = cache;
		this.lastUsed = lastUsed;
		this.clock = clock;
	}

	/**
	 * Checks a token and, when it is good, notes its use.
	 * @param candidate the token as presented
	 * @param ip the client's address, for "last used" and its budget of failed checks; null when a resource server introspects the token
	 */
	public TokenCheck check(String candidate, @Nullable String ip) {
		return check(candidate, ip, ANYONE);
	}

	/**
	 * Checks a token for a caller that may see only some tokens, such as an app introspecting:
	 * a good token it may not see is unknown to it, and its use is not noted.
	 * @param visible whether the caller may see this good token
	 */
	public TokenCheck check(String candidate, @Nullable String ip, Predicate<ActiveToken> visible) {
		long start = System.nanoTime();
		long refusedFor = (ip != null) ? this.failures.refusedFor(ip) : 0;
		TokenCheck check = (refusedFor > 0) ? new TokenCheck.Throttled(refusedFor) : checkToken(candidate, ip, visible);
		if (ip != null && check instanceof TokenCheck.Invalid) {
			this.failures.failed(ip);
		}
		this.metrics.record(check, System.nanoTime() - start);
		return check;
	}

	private TokenCheck checkToken(String candidate, @Nullable String ip, Predicate<ActiveToken> visible) {
		Optional<TokenSecret> secret = TokenSecret.parse(this.format, candidate);
		if (secret.isEmpty()) {
			return MALFORMED;
		}
		ActiveTokenSource source = this.sources.get(secret.get().kind());
		if (source == null) {
			return NOT_ACCESS;
		}
		Optional<ActiveToken> found = this.cache.get(secret.get().sha256(), source::findActiveByHash);
		if (found.isEmpty()) {
			return UNKNOWN;
		}
		ActiveToken token = found.get();
		Instant now = this.clock.instant();
		if (token.isExpired(now)) {
			return EXPIRED;
		}
		if (token.kind() == TokenKind.PERSONAL && breaksPolicy(token, now)) {
			return BREAKS_POLICY;
		}
		if (!visible.test(token)) {
			return UNKNOWN;
		}
		this.lastUsed.record(token.kind(), token.id(), now, ip);
		if (ip != null) {
			this.addresses.note(token, ip, now);
		}
		return new TokenCheck.Valid(token);
	}

	/** A few comparisons against the policy in memory: no query, so it costs nanoseconds. */
	private boolean breaksPolicy(ActiveToken token, Instant now) {
		return this.policies.get()
			.breach(token.scopes(), token.expiresAt(), token.admin(), token.actorAccountId() != null, now)
			.isPresent();
	}

}
