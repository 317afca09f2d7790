package dev.latchkey.server.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the body limit in front of every request and makes Tomcat's own form limit the same,
 * so one setting bounds JSON and forms alike.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimitProperties limits) {
		FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits));
		registration.setOrder(BodyLimitFilter.ORDER);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatFormLimit(BodyLimitProperties limits) {
		int max = (int) Math.min(Integer.MAX_VALUE, limits.maxSize().toBytes());
		return (factory) -> factory.addConnectorCustomizers((connector) -> connector.setMaxPostSize(max));
	}

}
