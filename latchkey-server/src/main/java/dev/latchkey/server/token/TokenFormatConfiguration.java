package dev.latchkey.server.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.server.check.TokenProperties;

@Configuration(proxyBeanMethods = false)
class TokenFormatConfiguration {

	@Bean
	TokenFormat tokenFormat(TokenProperties properties) {
		return new TokenFormat(properties.prefix());
	}

}
