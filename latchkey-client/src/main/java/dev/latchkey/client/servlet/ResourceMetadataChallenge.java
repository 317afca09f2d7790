package dev.latchkey.client.servlet;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.latchkey.client.BearerChallenge;

/**
 * Adds RFC 9728's {@code resource_metadata} to every {@code Bearer} challenge an API answers
 * with, whichever part of it refused the request, so a client that meets a {@code 401} or
 * {@code 403} learns where to read which authorization server to ask, and for what.
 */
public final class ResourceMetadataChallenge implements Filter {

	private final Function<HttpServletRequest, String> metadataUrl;

	/** @param metadataUrl the metadata's absolute URL for a request, as {@link dev.latchkey.client.ProtectedResource#metadataUrl} makes it */
	public ResourceMetadataChallenge(Function<HttpServletRequest, String> metadataUrl) {
		this.metadataUrl = metadataUrl;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		chain.doFilter(request, new Challenging((HttpServletResponse) response, () -> this.metadataUrl.apply(http)));
	}

	/** The response, with the parameter added to a {@code Bearer} challenge as it is set. */
	private static final class Challenging extends HttpServletResponseWrapper {

		private final Supplier<String> metadataUrl;

		Challenging(HttpServletResponse response, Supplier<String> metadataUrl) {
			super(response);
			this.metadataUrl = metadataUrl;
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, withMetadata(name, value));
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, withMetadata(name, value));
		}

		private String withMetadata(String name, String value) {
			if (!"WWW-Authenticate".equalsIgnoreCase(name) || value == null
					|| !(value.startsWith("Bearer") || value.startsWith("DPoP"))
					|| value.contains("resource_metadata=")) {
				return value;
			}
			return BearerChallenge.withResourceMetadata(value, this.metadataUrl.get());
		}

	}

}
