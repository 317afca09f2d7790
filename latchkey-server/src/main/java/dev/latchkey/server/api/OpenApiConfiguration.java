package dev.latchkey.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the REST API, generated from the controllers by springdoc and
 * served at {@code /v3/api-docs}, with a browsable page at {@code /api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI latchkeyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Latchkey REST API")
				.version("v1")
				.description("Personal access tokens and the token's user. Send a token as Authorization: Bearer <token> "
						+ "(or token <token>, or HTTP Basic with the token as the password). Errors are "
						+ "application/problem+json (RFC 9457)."))
			.components(new Components().addSecuritySchemes("token",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("lkp_… or lko_…")))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}

}
