package dev.latchkey.cli;

import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code latchkey auth}: log in with the device flow, see and end the login.
 */
@Command(name = "auth", description = "Log in to a Latchkey host, and see or end the login.",
		subcommands = { AuthCommand.Login.class, AuthCommand.Status.class, AuthCommand.Logout.class,
				AuthCommand.Token.class })
final class AuthCommand {

	@ParentCommand
	Latchkey root;

	/** What every {@code auth} subcommand reaches: the root options and its own output. */
	abstract static class Sub implements Runnable {

		@ParentCommand
		AuthCommand auth;

		@Spec
		CommandSpec spec;

		PrintWriter out() {
			return this.spec.commandLine().getOut();
		}

	}

	@Command(name = "login", description = "Log in with the device flow: enter the code in your browser.")
	static final class Login extends Sub {

		@Option(names = { "-s", "--scopes" }, split = ",", description = "Scopes to ask for (default: ${DEFAULT-VALUE}).",
				defaultValue = "user,tokens:read,tokens:write,notes:read,notes:write")
		String[] scopes;

		@Override
		public void run() {
			Latchkey root = this.auth.root;
			Session session = new Session(root.resolveHost(), root.hosts(), null);
			PrintWriter out = out();
			DeviceLogin.Result result = new DeviceLogin(session, out).login(String.join(" ", this.scopes));
			Session loggedIn = new Session(session.host(), root.hosts(), result.accessToken());
			String user = loggedIn.apiJson("GET", "/api/v1/user", null).path("username").asString(null);
			root.hosts().put(session.host(), new Hosts.Login(user, result.accessToken(), result.refreshToken(),
					result.expiresAt()));
			out.println("✓ Logged in to " + session.host() + " as " + user);
		}

	}

	@Command(name = "status", description = "Show the login for the host.")
	static final class Status extends Sub {

		@Override
		public void run() {
			Session session = this.auth.root.session();
			Session.Answer answer = session.api("GET", "/api/v1/user", null);
			answer.requireSuccess();
			JsonNode user = Session.JSON.readTree(answer.body());
			String scopes = answer.header("X-OAuth-Scopes");
			PrintWriter out = out();
			if (this.auth.root.json) {
				out.println(Session.JSON.writeValueAsString(Map.of("host", session.host(), "user",
						user.path("username").asString(""), "scopes", (scopes != null) ? scopes : "")));
				return;
			}
			out.println(session.host());
			out.println("  ✓ Logged in as " + user.path("username").asString(""));
			out.println("  Token scopes: " + ((scopes != null) ? scopes : "none"));
		}

	}

	@Command(name = "logout", description = "Forget the login for the host.")
	static final class Logout extends Sub {

		@Override
		public void run() {
			String host = this.auth.root.resolveHost();
			if (!this.auth.root.hosts().remove(host)) {
				throw new CliException(ExitCodes.AUTHENTICATION, "You are not logged in to " + host + ".");
			}
			out().println("✓ Logged out of " + host);
		}

	}

	@Command(name = "token", description = "Print the login's token, for scripts.")
	static final class Token extends Sub {

		@Override
		public void run() {
			out().println(this.auth.root.session().token());
		}

	}

}
