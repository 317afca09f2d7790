package dev.latchkey.server.api;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers API paths that don't exist with a problem-details {@code 404}, like every other
 * API error, instead of the static-resource handler's generic one.
 */
@RestController
@Hidden
class UnknownApiPathController {

	@RequestMapping("/api/**")
	ResponseEntity<ProblemDetail> unknown() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such API endpoint."));
	}

}
