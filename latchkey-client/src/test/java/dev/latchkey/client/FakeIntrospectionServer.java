package dev.latchkey.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a loopback port that answers introspection requests with whatever
 * the test sets, counts calls, and can be told to hold its answers back.
 */
final class FakeIntrospectionServer implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicReference<String> body = new AtomicReference<>("{\"active\":false}");

	private final AtomicReference<Integer> status = new AtomicReference<>(200);

	private final AtomicReference<String> lastAuthorization = new AtomicReference<>();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private final CountDownLatch firstCall = new CountDownLatch(1);

	FakeIntrospectionServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/oauth2/introspect", (exchange) -> {
			this.calls.incrementAndGet();
			this.lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.getRequestBody().readAllBytes();
			this.firstCall.countDown();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] bytes = this.body.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(this.status.get(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/introspect");
	}

	void answer(int status, String body) {
		this.status.set(status);
		this.body.set(body);
	}

	/** Holds every answer until {@link #release()}. */
	void hold() {
		this.gate = new CountDownLatch(1);
	}

	void release() {
		this.gate.countDown();
	}

	void awaitFirstCall() throws InterruptedException {
		this.firstCall.await();
	}

	int calls() {
		return this.calls.get();
	}

	String lastAuthorization() {
		return this.lastAuthorization.get();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

}
