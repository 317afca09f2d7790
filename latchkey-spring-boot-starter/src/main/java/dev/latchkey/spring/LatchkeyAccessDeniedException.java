package dev.latchkey.spring;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.latchkey.client.BearerChallenge;
import dev.latchkey.client.servlet.ProblemResponses;

/**
 * A {@code 403} for a token that may not touch what the request asks for: it lacks the scope,
 * or it is a fine-grained token whose selection leaves the resource out. Spring MVC answers
 * it as problem details with RFC 6750's {@code WWW-Authenticate} challenge.
 */
public class LatchkeyAccessDeniedException extends ErrorResponseException {

	private LatchkeyAccessDeniedException(String detail, String challenge) {
		super(HttpStatus.FORBIDDEN, problem(detail), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
	}

	static LatchkeyAccessDeniedException missingScope(String acceptedScopes) {
		return new LatchkeyAccessDeniedException("The token needs one of these scopes: " + acceptedScopes,
				BearerChallenge.insufficientScope(acceptedScopes));
	}

	static LatchkeyAccessDeniedException resourceNotSelected(String resourceType) {
		return new LatchkeyAccessDeniedException(ProblemResponses.resourceNotSelectedDetail(resourceType),
				BearerChallenge.resourceNotSelected());
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setProperty("error", "insufficient_scope");
		return problem;
	}

}
