package dev.latchkey.server.check;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal access tokens.
 *
 * @param prefix the instance-wide token prefix, so each platform has its own secret-scanning pattern
 * @param cacheTtl how long a checked token stays in the in-memory cache before it is looked up again
 * @param cacheMaximumSize how many tokens the in-memory cache holds at most
 * @param unknownCacheTtl how long a well-formed but unknown token is remembered as unknown
 * @param unknownCacheMaximumSize how many unknown tokens are remembered at most, apart from the known ones
 * @param lastUsedFlushInterval how often pending "last used" times and first-use addresses are written;
 * small batches often keep a busy minute of first uses from stalling the lookups beside them
 * @param lastUsedWriteInterval the least time between two "last used" writes of one token
 */
@ConfigurationProperties("latchkey.tokens")
public record TokenProperties(@DefaultValue("lk") String prefix, @DefaultValue("5m") Duration cacheTtl,
		@DefaultValue("100000") long cacheMaximumSize, @DefaultValue("30s") Duration unknownCacheTtl,
		@DefaultValue("10000") long unknownCacheMaximumSize,
		@DefaultValue("1s") Duration lastUsedFlushInterval, @DefaultValue("1m") Duration lastUsedWriteInterval) {
}
