package dev.latchkey.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be; larger ones are answered {@code 413} before anything
 * parses them.
 *
 * @param maxSize the most any request may send, forms included
 * @param leakReportMaxSize the most a leak report may send; it needs no token, so anyone can send one
 */
@ConfigurationProperties("latchkey.request-body")
public record BodyLimitProperties(@DefaultValue("1MB") DataSize maxSize,
		@DefaultValue("64KB") DataSize leakReportMaxSize) {
}
