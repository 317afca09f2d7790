package dev.latchkey.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latchkey as its own JVM process, as {@code java -jar} runs it, so that a test can kill it
 * the way an operating system does: no shutdown hook, no closing of the database.
 * Its output goes to a log file; it is ready once Spring Boot has logged that it started and
 * its health endpoint says UP.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofMinutes(2);

	private static final Duration READINESS = Duration.ofSeconds(30);

	private final Process process;

	private final int port;

	private final Path log;

	private final CountDownLatch started = new CountDownLatch(1);

	private ServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the server on a free port with these Latchkey arguments and waits until it is up. */
	public static ServerProcess start(Path log, String... arguments) {
		int port = FreePort.pick();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", applicationClassPath(), LatchkeyApplication.class.getName(),
				"--server.port=" + port));
		command.addAll(Arrays.asList(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			// Should the test JVM be stopped before the test ends, the server must not outlive it.
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			ServerProcess server = new ServerProcess(process, port, log);
			try {
				server.drainOutput();
				server.awaitStarted();
			}
			catch (IOException | RuntimeException | AssertionError ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Kills the process with {@code SIGKILL} (what {@link Process#destroyForcibly()} sends on
	 * Linux) and waits until it is gone, as a power cut would end the process but leave the
	 * machine's file cache alone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("the killed server exits").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	/** The test's classpath without the test classes, so the server runs only its own beans. */
	private static String applicationClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private void drainOutput() throws IOException {
		Writer file = Files.newBufferedWriter(this.log, StandardCharsets.UTF_8);
		Thread drain = new Thread(() -> {
			try (file; BufferedReader output = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					file.write(line);
					file.write('\n');
					file.flush();
					if (line.contains("Started LatchkeyApplication")) {
						this.started.countDown();
					}
				}
			}
			catch (IOException ex) {
				// The process is gone; what it wrote is in the log.
			}
		}, "server-process-" + this.port);
		drain.setDaemon(true);
		drain.start();
	}

	private void awaitStarted() {
		try {
			boolean up = this.started.await(STARTUP.toSeconds(), TimeUnit.SECONDS);
			assertThat(up).as("the server starts within %s; see %s", STARTUP, this.log).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(healthUp()).as("the server reports itself up; see %s", this.log).isTrue();
	}

	/**
	 * Whether {@code /actuator/health} says UP within a few seconds of the start: readiness
	 * follows the log line that the application started.
	 */
	private boolean healthUp() {
		Http http = new Http(this.port);
		long deadline = System.nanoTime() + READINESS.toNanos();
		while (http.get("/actuator/health").status() != 200) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return "UP".equals(http.get("/actuator/health").json().get("status").asString());
	}

}
