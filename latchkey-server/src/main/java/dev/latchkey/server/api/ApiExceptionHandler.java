package dev.latchkey.server.api;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.latchkey.client.BearerChallenge;
import dev.latchkey.server.check.NoUserException;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.input.NotFoundException;
import dev.latchkey.server.resource.ResourceListUnavailableException;
import dev.latchkey.server.web.BodyTooLargeException;

/**
 * Turns every failure of the REST API into an RFC 9457 problem-details body. Spring MVC's
 * own failures (malformed JSON, wrong content type, unknown path) come through the base
 * class; anything unexpected becomes a bare {@code 500} with no detail, logged here.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidInput(InvalidInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				ex.problems().get(0).message());
		problem.setTitle("Validation failed");
		problem.setProperty("errors", ex.problems());
		return problem(problem, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> noUser(NoUserException ex) {
		return problem(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage()), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
		return problem(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage()), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> insufficientScope(InsufficientScopeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setProperty("error", "insufficient_scope");
		return problem(problem, BearerChallenge.insufficientScope(ex.acceptedScopes()));
	}

	/** The platform's resource list is down: not the caller's fault, and worth a retry. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> resourceListUnavailable(ResourceListUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + " No token was created; try again later.");
		problem.setTitle("Resource list unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, "30")
			.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure in the API", ex);
		return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side."), null);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		BodyTooLargeException tooLarge = BodyTooLargeException.causing(ex);
		if (tooLarge != null) {
			// A chunked body ran past its limit while being read: the sender's fault, and no syntax error.
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
			problem.setTitle("Content Too Large");
			problem.setProperty("error", "body_too_large");
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.header(HttpHeaders.CONNECTION, "close")
				.body(problem);
		}
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response == null) {
			return ResponseEntity.status(statusCode).build();
		}
		// Jackson's messages can quote the input; say what is wrong without echoing it.
		if (ex instanceof HttpMessageNotReadableException && response.getBody() instanceof ProblemDetail problem) {
			problem.setDetail("The request body is not valid JSON of the expected shape.");
		}
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(response.getBody());
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, @Nullable String challenge) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (challenge != null) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		return response.body(problem);
	}

}
