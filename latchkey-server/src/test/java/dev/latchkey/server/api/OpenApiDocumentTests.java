package dev.latchkey.server.api;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.latchkey.server.Http;
import dev.latchkey.server.LatchkeyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document can't drift from the controllers: every API endpoint the server
 * actually maps is in it, with its method, and nothing else is.
 */
@LatchkeyTest
class OpenApiDocumentTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void apiDocsWhenServedThenListEveryMappedApiEndpoint() {
		Http.Response response = new Http(this.port).get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		JsonNode paths = response.json().get("paths");
		int mapped = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			if (entry.getValue().getBeanType() == UnknownApiPathController.class) {
				continue;
			}
			for (String path : entry.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				for (var method : entry.getKey().getMethodsCondition().getMethods()) {
					mapped++;
					assertThat(paths.has(path)).as(path).isTrue();
					assertThat(paths.get(path).has(method.name().toLowerCase(Locale.ROOT))).as(method + " " + path).isTrue();
				}
			}
		}
		assertThat(mapped).isGreaterThanOrEqualTo(10);
		paths.propertyNames().forEach((path) -> assertThat(path).startsWith("/api/v1/"));
		assertThat(response.json().at("/components/securitySchemes/token/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void browsablePageWhenOpenedThenServed() {
		Http.Response page = new Http(this.port).get("/swagger-ui/index.html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
	}

}
