package dev.latchkey.server.input;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What was named doesn't exist, or isn't the caller's to see, which must look the same:
 * {@code 404}. The status is this type's one page-side mapping; the API's handler words it as
 * a problem with the message.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public abstract class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected NotFoundException(String message) {
		super(message);
	}

}
