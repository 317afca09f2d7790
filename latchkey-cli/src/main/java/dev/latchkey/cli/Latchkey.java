package dev.latchkey.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code latchkey}: work with Latchkey from the command line, as {@code gh} does with GitHub.
 */
@Command(name = "latchkey", mixinStandardHelpOptions = true, version = "latchkey 0.1.0",
		description = "Work with Latchkey tokens and the API from the command line.",
		subcommands = { AuthCommand.class, TokenCommand.class, ApiCommand.class,
				AutoComplete.GenerateCompletion.class },
		footer = ExitCodes.HELP)
public final class Latchkey {

	@Option(names = "--host", scope = ScopeType.INHERIT, description = "The Latchkey server, such as http://localhost:8080 "
			+ "(default: $LATCHKEY_HOST, else the host you last logged in to).")
	@Nullable String host;

	@Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of tables.")
	boolean json;

	@Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
	boolean debug;

	@Option(names = "--config-dir", scope = ScopeType.INHERIT, hidden = true,
			description = "Where latchkey/hosts.json lives (default: $XDG_CONFIG_HOME or ~/.config).")
	@Nullable Path configDir;

	public static void main(String[] args) {
		System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
	}

	/** Runs a command line and returns its exit code; used by {@link #main} and by tests. */
	public static int run(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(new Latchkey());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			Latchkey root = line.getCommandSpec().root().userObject() instanceof Latchkey latchkey ? latchkey : null;
			if (root != null && root.debug) {
				ex.printStackTrace(line.getErr());
			}
			if (ex instanceof CliException cli) {
				line.getErr().println(cli.getMessage());
				return cli.exitCode();
			}
			line.getErr().println("latchkey failed: " + ex.getMessage() + " (run with --debug for details)");
			return ExitCodes.FAILED;
		});
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	Hosts hosts() {
		return new Hosts((this.configDir != null) ? this.configDir : Hosts.defaultConfigDir());
	}

	/** The host to talk to: {@code --host}, {@code $LATCHKEY_HOST}, the last login, or localhost. */
	String resolveHost() {
		if (this.host != null) {
			return this.host;
		}
		String env = System.getenv("LATCHKEY_HOST");
		if (env != null && !env.isBlank()) {
			return env;
		}
		String last = hosts().defaultHost();
		return (last != null) ? last : "http://localhost:8080";
	}

	Session session() {
		return new Session(resolveHost(), hosts(), System.getenv("LATCHKEY_TOKEN"));
	}

}
