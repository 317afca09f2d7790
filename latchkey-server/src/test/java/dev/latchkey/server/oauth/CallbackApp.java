package dev.latchkey.server.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A third-party app's callback on an origin of its own ({@code http://127.0.0.1:<port>}, not
 * Latchkey's {@code http://localhost:<port>}), as every real app has: the browser must leave
 * Latchkey to reach it.
 */
final class CallbackApp implements AutoCloseable {

	private final HttpServer server;

	private CallbackApp(HttpServer server) {
		this.server = server;
	}

	static CallbackApp start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/callback", (exchange) -> {
			byte[] page = "<!DOCTYPE html><title>Acme</title><h1>Signed in to Acme</h1>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		server.start();
		return new CallbackApp(server);
	}

	/** The callback URL to register. */
	String callback() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
