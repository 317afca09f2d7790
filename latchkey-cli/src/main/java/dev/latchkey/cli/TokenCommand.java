package dev.latchkey.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code latchkey token}: manage personal access tokens.
 */
@Command(name = "token", description = "Create, list, view, regenerate and revoke personal access tokens.",
		subcommands = { TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.View.class,
				TokenCommand.Regenerate.class, TokenCommand.Revoke.class })
final class TokenCommand {

	@ParentCommand
	Latchkey root;

	/** Reads {@code 30d}, a date such as {@code 2027-01-31}, or {@code never}. */
	static Map<String, Object> expiry(String expires) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (expires.equals("never")) {
			return body;
		}
		if (expires.matches("\\d+d")) {
			body.put("expires_in_days", Integer.parseInt(expires.substring(0, expires.length() - 1)));
			return body;
		}
		try {
			body.put("expires_at", LocalDate.parse(expires).toString());
			return body;
		}
		catch (DateTimeParseException ex) {
			throw new CliException(ExitCodes.USAGE, "--expires must be like 30d, 2027-01-31 or never");
		}
	}

	static void printToken(PrintWriter out, JsonNode token) {
		out.println("ID:       " + token.path("id").asLong());
		out.println("Name:     " + token.path("name").asString());
		out.println("Scopes:   " + String.join(", ", token.path("scopes").valueStream().map(JsonNode::asString).toList()));
		out.println("Created:  " + token.path("created_at").asString());
		out.println("Expires:  " + (token.path("expires_at").isNull() ? "never" : token.path("expires_at").asString())
				+ (token.path("expired").asBoolean() ? " (expired)" : ""));
		out.println("Last used: " + (token.path("last_used_at").isNull() ? "never" : token.path("last_used_at").asString()));
		if (token.has("token")) {
			out.println();
			out.println("Token:    " + token.get("token").asString());
			out.println("Copy it now: it won't be shown again.");
		}
	}

	abstract static class Sub implements Runnable {

		@ParentCommand
		TokenCommand token;

		@Spec
		CommandSpec spec;

		Latchkey root() {
			return this.token.root;
		}

		PrintWriter out() {
			return this.spec.commandLine().getOut();
		}

		void show(JsonNode json) {
			if (root().json) {
				out().println(Session.JSON.writeValueAsString(json));
			}
			else {
				printToken(out(), json);
			}
		}

	}

	@Command(name = "create", description = "Create a token; it is printed once.")
	static final class Create extends Sub {

		@Option(names = "--name", required = true, description = "A name, unique among your tokens.")
		String name;

		@Option(names = "--scope", required = true, split = ",", description = "Scopes, repeated or comma-separated.")
		List<String> scopes;

		@Option(names = "--expires", defaultValue = "30d", description = "30d, a date such as 2027-01-31, or never "
				+ "(default: ${DEFAULT-VALUE}).")
		String expires;

		@Option(names = "--description", description = "What the token is for.")
		@Nullable String description;

		@Override
		public void run() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("name", this.name);
			body.put("scopes", this.scopes);
			if (this.description != null) {
				body.put("description", this.description);
			}
			body.putAll(expiry(this.expires));
			show(root().session().apiJson("POST", "/api/v1/user/tokens", Session.JSON.writeValueAsString(body)));
		}

	}

	@Command(name = "list", description = "List your tokens.")
	static final class ListTokens extends Sub {

		@Override
		public void run() {
			JsonNode tokens = root().session().apiJson("GET", "/api/v1/user/tokens", null);
			if (root().json) {
				out().println(Session.JSON.writeValueAsString(tokens));
				return;
			}
			Table table = new Table("ID", "NAME", "SCOPES", "EXPIRES", "LAST USED");
			for (JsonNode token : tokens) {
				table.row(String.valueOf(token.path("id").asLong()), token.path("name").asString(),
						String.join(",", token.path("scopes").valueStream().map(JsonNode::asString).toList()),
						token.path("expired").asBoolean() ? "expired"
								: (token.path("expires_at").isNull() ? "never" : token.path("expires_at").asString()),
						token.path("last_used_at").isNull() ? "never" : token.path("last_used_at").asString());
			}
			table.print(out());
		}

	}

	@Command(name = "view", description = "Show one token.")
	static final class View extends Sub {

		@Parameters(paramLabel = "ID")
		long id;

		@Override
		public void run() {
			show(root().session().apiJson("GET", "/api/v1/user/tokens/" + this.id, null));
		}

	}

	@Command(name = "regenerate", description = "Give a token a new secret; the old one stops working at once.")
	static final class Regenerate extends Sub {

		@Parameters(paramLabel = "ID")
		long id;

		@Option(names = "--expires", defaultValue = "30d", description = "30d, a date, or never (default: ${DEFAULT-VALUE}).")
		String expires;

		@Override
		public void run() {
			show(root().session().apiJson("POST", "/api/v1/user/tokens/" + this.id + "/regenerate",
					Session.JSON.writeValueAsString(expiry(this.expires))));
		}

	}

	@Command(name = "revoke", description = "Revoke a token; it stops working at once.")
	static final class Revoke extends Sub {

		@Parameters(paramLabel = "ID")
		long id;

		@Override
		public void run() {
			root().session().apiJson("DELETE", "/api/v1/user/tokens/" + this.id, null);
			out().println("✓ Revoked token " + this.id);
		}

	}

}
