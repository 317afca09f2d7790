package dev.latchkey.server.resource;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's resource types ({@code latchkey.resources}) and how long a resource list
 * may take ({@code latchkey.resource-list-timeout}).
 *
 * @param resources the resource types tokens can be limited to
 * @param resourceListTimeout the longest one call to a list URL may take, connecting included
 */
@ConfigurationProperties("latchkey")
public record ResourceProperties(@DefaultValue List<ResourceType> resources,
		@DefaultValue("3s") Duration resourceListTimeout) {
}
