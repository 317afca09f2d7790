package dev.latchkey.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real SMTP server (GreenMail) on a free port for the test context; Spring Boot's mail
 * support is pointed at it as a deployment would point it at its mail server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestMailServer {

	@Bean(destroyMethod = "stop")
	GreenMail smtpServer() {
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		return smtp;
	}

	@Bean
	DynamicPropertyRegistrar smtpPort(GreenMail smtp) {
		return (registry) -> registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

}
