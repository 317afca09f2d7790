package dev.latchkey.server.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The security log's settings.
 *
 * @param retention how long entries are kept before they are deleted; GitHub keeps its audit log 180 days
 */
@ConfigurationProperties("latchkey.audit")
public record AuditProperties(@DefaultValue("180d") Duration retention) {

}
