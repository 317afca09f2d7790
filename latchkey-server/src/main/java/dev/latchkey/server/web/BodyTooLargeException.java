package dev.latchkey.server.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * A request body ran past its limit while it was being read. An {@link IOException}, so that
 * whatever reads the body stops as it would on a broken connection.
 */
public final class BodyTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	BodyTooLargeException(long limit) {
		super("The request body is larger than the " + limit + " bytes this endpoint takes.");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

	/** This exception among the causes of another, as readers of the body wrap it. */
	public static @Nullable BodyTooLargeException causing(@Nullable Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

}
