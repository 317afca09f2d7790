package dev.latchkey.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logins per host in {@code ~/.config/latchkey/hosts.json} (or under {@code XDG_CONFIG_HOME}),
 * readable by the user alone ({@code 0600}), since it holds tokens.
 */
final class Hosts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	Hosts(Path configDir) {
		this.file = configDir.resolve("latchkey").resolve("hosts.json");
	}

	static Path defaultConfigDir() {
		String xdg = System.getenv("XDG_CONFIG_HOME");
		return (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
	}

	Path file() {
		return this.file;
	}

	Optional<Login> get(String host) {
		return Optional.ofNullable(read().hosts().get(host));
	}

	void put(String host, Login login) {
		State state = read();
		state.hosts().put(host, login);
		write(new State(state.hosts(), host));
	}

	boolean remove(String host) {
		State state = read();
		boolean removed = state.hosts().remove(host) != null;
		write(new State(state.hosts(), host.equals(state.defaultHost()) ? null : state.defaultHost()));
		return removed;
	}

	@Nullable String defaultHost() {
		return read().defaultHost();
	}

	private State read() {
		if (!Files.exists(this.file)) {
			return new State(new TreeMap<>(), null);
		}
		try {
			State state = JSON.readValue(this.file.toFile(), State.class);
			return new State(new TreeMap<>(state.hosts() != null ? state.hosts() : Map.of()), state.defaultHost());
		}
		catch (RuntimeException ex) {
			throw new CliException(ExitCodes.FAILED, this.file + " is damaged; delete it and log in again");
		}
	}

	private void write(State state) {
		try {
			Files.createDirectories(this.file.getParent());
			Path temp = this.file.resolveSibling("hosts.json.tmp");
			Files.deleteIfExists(temp);
			try {
				Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException notPosix) {
				Files.createFile(temp);
			}
			Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
			Files.move(temp, this.file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new CliException(ExitCodes.FAILED, "Can't write " + this.file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * What is stored for one host.
	 *
	 * @param user the username
	 * @param token the access token
	 * @param refreshToken the refresh token, to renew the access token
	 * @param expiresAt when the access token expires, in epoch seconds
	 */
	record Login(@Nullable String user, String token, @Nullable String refreshToken, @Nullable Long expiresAt) {

		@Override
		public String toString() {
			return "Login[" + this.user + "]";
		}

	}

	/**
	 * The whole file.
	 *
	 * @param hosts logins by host URL
	 * @param defaultHost the host used when none is given
	 */
	record State(Map<String, Login> hosts, @Nullable String defaultHost) {
	}

}
