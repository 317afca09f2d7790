package dev.latchkey.server.leak;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latchkey.server.ratelimit.RateLimitProperties;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.web.BodyLimitFilter;

@Configuration(proxyBeanMethods = false)
class LeakReportFilters {

	/** Just before the body limit, so that a report refused as too large is counted too. */
	@Bean
	FilterRegistrationBean<LeakReportThrottle> leakReportThrottle(RateLimiter rateLimiter,
			RateLimitProperties rateLimits) {
		FilterRegistrationBean<LeakReportThrottle> registration = new FilterRegistrationBean<>(
				new LeakReportThrottle(rateLimiter, rateLimits));
		registration.addUrlPatterns(LeakReportThrottle.PATH);
		registration.setOrder(BodyLimitFilter.ORDER - 1);
		return registration;
	}

}
