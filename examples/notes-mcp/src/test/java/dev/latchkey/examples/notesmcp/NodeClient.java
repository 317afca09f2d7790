package dev.latchkey.examples.notesmcp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code src/test/node/mcp-client.mjs}: the official TypeScript MCP SDK run by Node as a client
 * of the notes MCP server. Its dependencies are installed from the committed lockfile the first
 * time (and after the lockfile changes). Each run has a deadline, after which it is killed, so a
 * client stuck on a step fails its test instead of hanging the build.
 */
final class NodeClient implements AutoCloseable {

	private static final Path PROJECT = Path.of("src", "test", "node");

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	/** Marks the end of the output in the queue. */
	private static final String EXITED = "\0exited";

	private final Process process;

	private final Instant deadline = Instant.now().plus(DEADLINE);

	private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

	private final List<String> lines = new ArrayList<>();

	private final StringBuffer errors = new StringBuffer();

	private NodeClient(Process process) {
		this.process = process;
		daemon(() -> {
			try (BufferedReader output = process.inputReader(StandardCharsets.UTF_8)) {
				output.lines().forEach(this.unread::add);
			}
			catch (IOException | UncheckedIOException ex) {
				this.errors.append(ex).append('\n');
			}
			finally {
				this.unread.add(EXITED);
			}
		});
		daemon(() -> {
			try (BufferedReader errorOutput = process.errorReader(StandardCharsets.UTF_8)) {
				errorOutput.lines().forEach((line) -> this.errors.append(line).append('\n'));
			}
			catch (IOException | UncheckedIOException ex) {
				this.errors.append(ex).append('\n');
			}
		});
	}

	/**
	 * Starts the client on the MCP endpoint.
	 * @param calls the tools to call in order, each a JSON object with {@code name} and {@code arguments}
	 * @param token a personal access token to send; {@code null} to sign in with OAuth instead
	 */
	static NodeClient start(String mcpUrl, String calls, String token) throws Exception {
		installDependencies();
		ProcessBuilder builder = new ProcessBuilder("node", "mcp-client.mjs", mcpUrl, calls).directory(PROJECT.toFile());
		Map<String, String> environment = builder.environment();
		environment.remove("MCP_TOKEN");
		if (token != null) {
			environment.put("MCP_TOKEN", token);
		}
		return new NodeClient(builder.start());
	}

	/** The rest of the first line from now on that starts with the prefix; fails if the client ends first. */
	String awaitLine(String prefix) throws InterruptedException {
		for (String line = next("'" + prefix + "'"); !line.equals(EXITED); line = next("'" + prefix + "'")) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length());
			}
		}
		this.unread.add(EXITED);
		return fail("The Node client ended without '" + prefix + "'. " + output());
	}

	/** Waits for the client to end, asserts it succeeded, and returns all it printed. */
	List<String> finish() throws InterruptedException {
		while (!next("its end").equals(EXITED)) {
			// next() keeps every line.
		}
		this.unread.add(EXITED);
		boolean ended = this.process.waitFor(remaining(), TimeUnit.MILLISECONDS);
		assertThat(ended).as("The Node client ended within %s. %s", DEADLINE, output()).isTrue();
		assertThat(this.process.exitValue()).as("The Node client's exit code. %s", output()).isZero();
		return List.copyOf(this.lines);
	}

	private String next(String awaited) throws InterruptedException {
		String line = this.unread.poll(remaining(), TimeUnit.MILLISECONDS);
		if (line == null) {
			fail("No " + awaited + " from the Node client within " + DEADLINE + ". " + output());
		}
		if (!line.equals(EXITED)) {
			this.lines.add(line);
		}
		return line;
	}

	private long remaining() {
		return Math.max(0, Duration.between(Instant.now(), this.deadline).toMillis());
	}

	private String output() {
		return "Output:\n" + String.join("\n", this.lines) + "\nErrors:\n" + this.errors;
	}

	/** The rest of every line printed that starts with the prefix, in order. */
	static List<String> linesStartingWith(List<String> lines, String prefix) {
		return lines.stream().filter((line) -> line.startsWith(prefix)).map((line) -> line.substring(prefix.length())).toList();
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	private static void daemon(Runnable reader) {
		Thread thread = new Thread(reader, "node-client-output");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Runs {@code npm ci} when the installed packages are missing or older than the lockfile.
	 * Where Node isn't installed the test is skipped, except in CI, where {@code .ci/run}
	 * installs it and a missing Node fails.
	 */
	private static synchronized void installDependencies() throws Exception {
		assumeTrue(onPath("node") && onPath("npm") || System.getenv("CI") != null,
				"Install Node.js and npm to run the MCP client tests (.ci/run does)");
		Path installed = PROJECT.resolve("node_modules/.package-lock.json");
		Path lockfile = PROJECT.resolve("package-lock.json");
		if (Files.exists(installed)
				&& !Files.getLastModifiedTime(installed).toInstant().isBefore(Files.getLastModifiedTime(lockfile).toInstant())) {
			return;
		}
		Path log = Files.createTempFile("npm-ci", ".log");
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(PROJECT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean ended = npm.waitFor(3, TimeUnit.MINUTES);
		if (!ended) {
			npm.destroyForcibly();
		}
		assertThat(ended && npm.exitValue() == 0).as("npm ci in %s: %s", PROJECT, Files.readString(log)).isTrue();
		Files.delete(log);
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

}
